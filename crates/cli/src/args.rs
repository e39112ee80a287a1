//! Command-line arguments; the doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Rampart: design and check Dataverse-style security models.
#[derive(Debug, Parser)]
#[command(name = "rampart", version, about)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run scenario files (shared/scenarios/FORMAT.md) and report a verdict per check.
    Test {
        /// Scenario YAML files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the runner's JSON document instead of the human summary.
        #[arg(long)]
        json: bool,
        /// Show passing and skipped checks too, not only failures.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Generate a seeded organisation with sample data, or fill a given model with sample data.
    Generate(GenerateArgs),
    /// Time the engine on a generated 1,000-user, 1,000,000-record org.
    Bench(BenchArgs),
    /// Run the advisor's lints over a model; exit code 3 when a finding is an error.
    Lint(LintArgs),
    /// For every table: who reads it, who can export, print, sync or take it offline, and how
    /// many sample records each could move out of the CRM.
    Leakage(LeakageArgs),
    /// Export a CSV file for spreadsheets.
    Export(ExportArgs),
    /// Check a model (rampart-model JSON, or scenario YAML) and list every problem; exit 0 when
    /// valid (warnings allowed), 2 on validation errors, 1 when the file cannot be read.
    Validate(ValidateArgs),
    /// Print a model JSON file in canonical form, check it, or rewrite it in place.
    Fmt(FmtArgs),
    /// Print the JSON Schema (draft 2020-12) of the rampart-model format.
    Schema,
    /// Turn a scenario or demo organisation into a rampart-model JSON document.
    Convert(ConvertArgs),
    /// Export the model and its sample data as Cedar 4 schema, policies and entities that
    /// enforce the same record-level decisions (read write delete append appendto assign share).
    Cedar(CedarArgs),
    /// Compare two versions of a model: structural changes (matched by id) and who gains or
    /// loses access to how many records; exit 0 when they are the same, 3 when they differ.
    Diff(DiffArgs),
    /// Import the records of one table from a CSV file into a model JSON: columns mapped by
    /// name, every rejected row listed with its row number and reason; exit 0 when every row
    /// was imported, 3 when some were rejected (the others are imported), 1 on a file that
    /// cannot be read.
    ImportCsv(ImportCsvArgs),
    /// Print the CSV import template of one table: the header row, required columns first.
    CsvTemplate(CsvTemplateArgs),
}

/// `rampart import-csv`.
#[derive(Debug, clap::Args)]
pub struct ImportCsvArgs {
    /// Model JSON (rampart-model).
    pub model: PathBuf,
    /// The CSV file (RFC 4180; the first row names the columns).
    pub csv: PathBuf,
    /// The table the rows are records of (its id, e.g. `account`).
    #[arg(long)]
    pub table: String,
    /// User or team (id or display name) given the rows whose owner is missing or unknown;
    /// without it such rows are rejected.
    #[arg(long)]
    pub fallback_owner: Option<String>,
    /// Map a CSV column to a field instead of the suggested one: `COLUMN=FIELD`, where FIELD is
    /// `id`, `owner`, `owning_bu`, `lookup:NAME`, `column:NAME` or `ignore`. Repeatable.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Print the import report as JSON on standard output (the model then goes to `--out`).
    #[arg(long, requires = "out")]
    pub json: bool,
    /// Write the model with the imported records to this file instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// `rampart csv-template`.
#[derive(Debug, clap::Args)]
pub struct CsvTemplateArgs {
    /// Model JSON (rampart-model), or scenario / demo YAML.
    pub model: PathBuf,
    /// The table (its id, e.g. `account`).
    #[arg(long)]
    pub table: String,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// `rampart diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older version: model JSON, or scenario / demo YAML.
    pub before: PathBuf,
    /// The newer version: model JSON, or scenario / demo YAML.
    pub after: PathBuf,
    /// Print changes, per-user count changes and the effect as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `rampart validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Model JSON, or scenario / demo YAML (`base:` resolved from its folder).
    pub file: PathBuf,
    /// Print `{"valid", "errors", "warnings", "issues"}` as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `rampart fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Model JSON file.
    pub file: PathBuf,
    /// Print nothing; exit 0 when the file is canonical, 2 when it is not.
    #[arg(long, conflicts_with = "write")]
    pub check: bool,
    /// Rewrite the file in place.
    #[arg(long)]
    pub write: bool,
}

/// `rampart convert`.
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Scenario YAML file (`base:` resolved from its folder), or model JSON (with `--to scenario`).
    #[arg(required_unless_present = "demo", conflicts_with = "demo")]
    pub file: Option<PathBuf>,
    /// What to write: a `rampart-model` JSON document, or a scenario YAML file whose checks
    /// (the model's pinned checks) `rampart test` runs.
    #[arg(long, value_enum, default_value_t = ConvertTo::Model)]
    pub to: ConvertTo,
    /// Convert a shipped demo organisation instead (`department-store`, `multinational-sales`).
    #[arg(long)]
    pub demo: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// The output of `rampart convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ConvertTo {
    /// `rampart-model` JSON (format v1).
    Model,
    /// Scenario YAML (shared/scenarios/FORMAT.md), pinned checks as its `checks`.
    Scenario,
}

/// `rampart generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Seed; the same seed gives the same output on every platform.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of records across all tables.
    #[arg(long, default_value_t = 10_000)]
    pub records: usize,
    /// Users of the generated org.
    #[arg(long, default_value_t = 1_000)]
    pub users: usize,
    /// Business units of the generated org, root included.
    #[arg(long, default_value_t = 50)]
    pub bus: usize,
    /// Owner, access and group teams of the generated org (a default team per BU comes on top).
    #[arg(long, default_value_t = 200)]
    pub teams: usize,
    /// Tables of the generated org.
    #[arg(long, default_value_t = 10)]
    pub tables: usize,
    /// Manager hierarchy depth of the generated org; 0 turns hierarchy security off.
    #[arg(long, default_value_t = 2)]
    pub hierarchy_depth: u32,
    /// Fill this model's tables instead of generating an org (scenario YAML, or model JSON).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Print counts per table and business unit instead of the whole document.
    #[arg(long)]
    pub summary: bool,
}

/// `rampart bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Print one JSON object: workload name → {"median_ms", "min_ms", "runs"}.
    #[arg(long)]
    pub json: bool,
    /// Fewer runs per workload: a quick look, not figures for BENCHMARKS.md.
    #[arg(long)]
    pub quick: bool,
    /// Run only the workloads whose name contains one of these words.
    pub only: Vec<String>,
}

/// `rampart lint`.
#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Scenario or demo YAML (`base:` resolved from its folder), or model JSON.
    pub file: PathBuf,
    /// Print findings and summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print each finding's explanation under it.
    #[arg(long, short)]
    pub verbose: bool,
}

/// `rampart leakage`.
#[derive(Debug, clap::Args)]
pub struct LeakageArgs {
    /// Scenario or demo YAML (`base:` resolved from its folder), or model JSON with data.
    pub file: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `rampart export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    pub kind: ExportKind,
    /// Scenario or demo YAML (`base:` resolved from its folder), or model JSON.
    pub file: PathBuf,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Export kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    /// Data security inventory: table, ownership, owner type, secured columns, who reads it,
    /// and an empty business-rule column.
    CsvInventory,
    /// Role × privilege matrix with depth labels, misc privileges included.
    CsvRoles,
}

/// `rampart cedar`.
#[derive(Debug, clap::Args)]
pub struct CedarArgs {
    /// Model JSON, or scenario / demo YAML (`base:` resolved from its folder).
    pub file: PathBuf,
    /// Folder to write `schema.cedarschema`, `policies.cedar` and `entities.json` into
    /// (created if missing; default: the current directory).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}
