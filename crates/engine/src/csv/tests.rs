use super::*;
use crate::data::Dataset;
use crate::demo::DEMO_ORGS;
use crate::model::{Model, Principal, TableId, Verb};
use crate::query::DataIndex;
use crate::scenario;

/// The department store demo: classic business units, `new_loyaltycard` under `contact`,
/// notes under four tables through `objectid`, `product` organization-owned.
fn store() -> (Model, Dataset) {
    let loaded = scenario::load(DEMO_ORGS[0].yaml, &|_| Err("no base".into())).expect("demo");
    (loaded.model, loaded.data)
}

fn table(model: &Model, name: &str) -> TableId {
    *model.name_index().tables.get(name).expect("table")
}

fn user(model: &Model, name: &str) -> Principal {
    Principal::User(*model.name_index().users.get(name).expect("user"))
}

/// Parses `text` and imports it into `table` with the suggested mapping.
fn run(
    model: &Model,
    data: &Dataset,
    table_name: &str,
    text: &str,
    fallback: Option<Principal>,
) -> ImportReport {
    let t = table(model, table_name);
    let csv = parse(text).expect("parses");
    let mapping = suggest_mapping(model, data, t, &csv.headers);
    import(model, data, t, &csv, &mapping, fallback).expect("imports")
}

fn reasons(report: &ImportReport) -> Vec<(usize, String)> {
    report
        .rejected
        .iter()
        .map(|r| (r.row, r.reason.clone()))
        .collect()
}

// ---- reader

#[test]
fn quoting_crlf_and_bom_are_read() {
    let csv = parse(
        "\u{feff}a,b,c\r\n\"Smith, Jones\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\r\nx,y,z",
    )
    .expect("parses");
    assert_eq!(csv.headers, ["a", "b", "c"]);
    assert_eq!(csv.rows.len(), 3);
    assert_eq!(
        csv.rows[0].cells,
        ["Smith, Jones", "say \"hi\"", "two\r\nlines"]
    );
    assert_eq!((csv.rows[0].row, csv.rows[0].line), (2, 2));
    assert!(csv.rows[1].is_blank());
    // The quoted line end moves lines on, not rows.
    assert_eq!((csv.rows[2].row, csv.rows[2].line), (4, 5));
    assert_eq!(csv.rows[2].cells, ["x", "y", "z"]);
}

#[test]
fn a_final_line_end_adds_no_row_and_an_empty_last_cell_stays() {
    let csv = parse("a,b\n1,\n").expect("parses");
    assert_eq!(csv.rows.len(), 1);
    assert_eq!(csv.rows[0].cells, ["1", ""]);
}

#[test]
fn malformed_quoting_names_the_line_and_column() {
    assert_eq!(
        parse("a,b\n1,\"open\n2,3\n"),
        Err(CsvError::Unclosed { line: 2, column: 3 })
    );
    assert_eq!(
        parse("a,b\n\"x\"y,2\n"),
        Err(CsvError::AfterQuote {
            line: 2,
            column: 4,
            found: 'y'
        })
    );
    let stray = parse("a,b\n1,ab\"c\n").expect_err("stray quote");
    assert_eq!(stray, CsvError::StrayQuote { line: 2, column: 5 });
    assert!(
        stray.to_string().starts_with("line 2, column 5:"),
        "{stray}"
    );
    assert_eq!(parse(" \r\n"), Err(CsvError::Empty));
    assert_eq!(
        parse("id,owner,owner\n"),
        Err(CsvError::DuplicateHeader {
            name: "owner".into(),
            first: 2,
            second: 3
        })
    );
}

// ---- template and mapping

#[test]
fn the_template_names_required_fields_first_then_id_lookups_and_columns() {
    let (model, data) = store();
    let cards = table(&model, "new_loyaltycard");
    assert_eq!(
        template(&model, &data, cards),
        "owner,id,new_contactid,new_cardnumber,new_pointsbalance,new_staffdiscountrate,new_tier\r\n"
    );
    let fields = fields(&model, &data, cards);
    assert!(fields[0].required && fields[0].target == Target::Owner);
    assert!(fields[1..].iter().all(|f| !f.required));
    // Organization-owned: no owner, no owning business unit (ROLE-5).
    let product = template(&model, &data, table(&model, "product"));
    assert!(product.starts_with("id,"), "{product}");
    assert!(!product.contains("owner"), "{product}");
    // One column for a lookup several relationships share.
    let notes = template(&model, &data, table(&model, "annotation"));
    assert_eq!(notes.matches("objectid").count(), 1, "{notes}");
}

#[test]
fn owning_business_unit_is_offered_with_modernized_business_units() {
    let (mut model, data) = store();
    let cards = table(&model, "new_loyaltycard");
    assert!(!template(&model, &data, cards).contains("owning_bu"));
    model.settings.modernized_bu = true;
    assert!(template(&model, &data, cards).starts_with("owner,id,owning_bu,"));
}

#[test]
fn headers_map_ignoring_case_and_spaces_and_by_dynamics_display_names() {
    let (mut model, data) = store();
    model.settings.modernized_bu = true;
    let notes = table(&model, "annotation");
    let headers: Vec<String> = [
        "Owner",
        "Owning Business Unit",
        "Regarding",
        "(Do Not Modify) annotation",
        "Subject",
        "new_extra",
        "Some Notes!",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(
        suggest_mapping(&model, &data, notes, &headers),
        [
            Target::Owner,
            Target::OwningBu,
            Target::Lookup("objectid".into()),
            Target::Id,
            Target::Column("subject".into()),
            Target::Column("new_extra".into()),
            Target::Ignore,
        ]
    );
    // The same field is suggested once.
    let twice = ["owner", "OWNER"].map(String::from).to_vec();
    assert_eq!(
        suggest_mapping(&model, &data, notes, &twice),
        [Target::Owner, Target::Ignore]
    );
    for target in [
        Target::Ignore,
        Target::Id,
        Target::Owner,
        Target::OwningBu,
        Target::Lookup("objectid".into()),
        Target::Column("a:b".into()),
    ] {
        assert_eq!(Target::from_key(&target.key()), target);
    }
}

// ---- import: accepted rows

#[test]
fn rows_are_imported_with_owner_by_display_name_bu_from_the_owner_and_parents() {
    let (model, data) = store();
    let before = data.records.len();
    let report = run(
        &model,
        &data,
        "new_loyaltycard",
        "Owner,id,new_contactid,new_tier\r\n\
         Priya Shah,card_new1,con_leeds_margaret,Gold\r\n\
         u_leeds_clerk2,,,\r\n",
        None,
    );
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(reasons(&report), []);
    assert_eq!(report.accepted, 2);
    assert_eq!(all.records.len(), before + 2);
    assert_eq!(data.records.len(), before, "the input is not changed");
    let names = all.name_index();
    let card = all.record(names["card_new1"]).expect("card");
    assert_eq!(card.owner, Some(user(&model, "u_leeds_clerk1")));
    // BU-7: the owner's business unit.
    assert_eq!(
        card.owning_bu.map(|b| model.bu_name(b)),
        Some("bu_store_leeds")
    );
    assert_eq!(card.parents.len(), 1);
    assert_eq!(all.record_name(card.parents[0].1), "con_leeds_margaret");
    assert_eq!(card.values.get("new_tier"), Some("Gold"));
    // A row without an id gets one from its table and row number.
    assert!(names.contains_key("new_loyaltycard-r3"));
    let errors: Vec<_> = crate::validate::validate(&model, Some(&all))
        .into_iter()
        .filter(|i| i.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_lookup_shared_by_several_relationships_follows_the_parent_table() {
    let (model, data) = store();
    let report = run(
        &model,
        &data,
        "annotation",
        "owner,id,objectid,subject\n\
         u_leeds_clerk1,n_acc,acc_pennine_hotels,on an account\n\
         u_leeds_clerk1,n_con,con_leeds_margaret,on a contact\n",
        None,
    );
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(reasons(&report), []);
    let names = all.name_index();
    let relationship = |id: &str| {
        let record = all.record(names[id]).expect("note");
        model.relationships[record.parents[0].0.index()]
            .name
            .clone()
    };
    assert_eq!(relationship("n_acc"), "Account_Annotation");
    assert_eq!(relationship("n_con"), "Contact_Annotation");
}

/// The store demo with a self-referencing lookup `masterid`: contact → contact.
fn store_with_master_contact() -> (Model, Dataset) {
    let (mut model, data) = store();
    let contact = table(&model, "contact");
    model.relationships.push(crate::model::Relationship {
        name: "contact_master".into(),
        kind: crate::model::RelationshipKind::OneToMany {
            parent: contact,
            child: contact,
            lookup: "masterid".into(),
            cascade: crate::model::CascadeConfig::default(),
        },
    });
    (model, data)
}

#[test]
fn a_parent_on_a_later_row_of_the_same_file_is_found() {
    let (model, data) = store_with_master_contact();
    let report = run(
        &model,
        &data,
        "contact",
        "owner,id,masterid\nu_leeds_clerk1,c_child,c_parent\nu_leeds_clerk1,c_parent,\n",
        None,
    );
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(reasons(&report), []);
    let names = all.name_index();
    let child = all.record(names["c_child"]).expect("child");
    assert_eq!(child.parents[0].1, names["c_parent"]);
}

#[test]
fn rows_whose_parents_loop_are_rejected_with_the_loop_and_their_children_fall() {
    let (model, data) = store_with_master_contact();
    // Rows 2 → 3 → 4 → 2 loop; row 5 hangs below the loop; row 6 is fine.
    let text = "owner,id,masterid\n\
                u_leeds_clerk1,c_a,c_b\n\
                u_leeds_clerk1,c_b,c_c\n\
                u_leeds_clerk1,c_c,c_a\n\
                u_leeds_clerk1,c_below,c_a\n\
                u_leeds_clerk1,c_fine,\n";
    let report = run(&model, &data, "contact", text, None);
    let all = report.apply(&data).expect("applies");
    assert_eq!(report.accepted, 1);
    assert_eq!(all.records.len(), data.records.len() + 1);
    let rejected = reasons(&report);
    let rows: Vec<usize> = rejected.iter().map(|r| r.0).collect();
    assert_eq!(rows, [2, 3, 4, 5], "{rejected:?}");
    assert_eq!(
        rejected[0].1,
        "lookup `masterid`: rows 2 → 3 → 4 → 2 point at each other in a loop; a record cannot be its own ancestor (CASC-1)"
    );
    assert!(rejected[2].1.contains("rows 2 → 3 → 4 → 2"), "{rejected:?}");
    assert!(
        rejected[3]
            .1
            .contains("parent `c_a` is on row 2, which was rejected"),
        "{rejected:?}"
    );
    assert!(
        crate::validate::validate(&model, Some(&all))
            .iter()
            .all(|i| i.code != crate::validate::IssueCode::RecordParent)
    );
}

// ---- import: fallback owner

#[test]
fn unknown_and_missing_owners_go_to_the_fallback_owner_and_are_reported() {
    let (model, data) = store();
    let fallback = user(&model, "u_leeds_store_mgr");
    let text = "owner,id\nnobody@contoso.com,card_a\n,card_b\nu_leeds_clerk1,card_c\n";
    let report = run(&model, &data, "new_loyaltycard", text, Some(fallback));
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(report.accepted, 3);
    assert_eq!(reasons(&report), []);
    let notes: Vec<(usize, &str)> = report
        .fallback
        .iter()
        .map(|f| (f.row, f.note.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (
                2,
                "owner `nobody@contoso.com` unknown, given to fallback `u_leeds_store_mgr`"
            ),
            (3, "no owner, given to fallback `u_leeds_store_mgr`"),
        ]
    );
    let names = all.name_index();
    let card = all.record(names["card_a"]).expect("card");
    assert_eq!(card.owner, Some(fallback));
    assert_eq!(
        card.owning_bu.map(|b| model.bu_name(b)),
        Some("bu_store_leeds")
    );
    assert!(
        report
            .summary(&model)
            .contains("2 given to the fallback owner")
    );

    // Without a fallback owner the same rows are rejected.
    let report = run(&model, &data, "new_loyaltycard", text, None);
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(report.accepted, 1);
    let rejected = reasons(&report);
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0].0, 2);
    assert!(
        rejected[0]
            .1
            .contains("owner `nobody@contoso.com` is not a user or team"),
        "{rejected:?}"
    );
    assert!(rejected[1].1.starts_with("no owner"), "{rejected:?}");
    assert!(rejected[1].1.contains("BU-7"), "{rejected:?}");
}

#[test]
fn a_fallback_owner_that_cannot_own_records_is_refused_before_any_row() {
    let (model, data) = store();
    let t = table(&model, "new_loyaltycard");
    let csv = parse("owner\nx\n").expect("parses");
    let access_team = Principal::Team(
        *model
            .name_index()
            .teams
            .get("team_xmas_gifting")
            .expect("team"),
    );
    let err =
        import(&model, &data, t, &csv, &[Target::Owner], Some(access_team)).expect_err("refused");
    assert!(err.to_string().contains("TEAM-4"), "{err}");
    let err = import(
        &model,
        &data,
        t,
        &csv,
        &[Target::Owner],
        Some(Principal::Organization),
    )
    .expect_err("refused");
    assert!(err.to_string().contains("EVAL-6"), "{err}");
}

// ---- import: each rejection

#[test]
fn each_rejection_names_its_row_and_reason() {
    let (model, data) = store();
    let text = "owner,id,new_contactid,new_tier\n\
                u_leeds_clerk1,card_ok,,Gold\n\
                u_leeds_clerk1,card_margaret,,dup of existing\n\
                u_leeds_clerk1,card_ok,,dup in file\n\
                team_xmas_gifting,card_team,,access team\n\
                ORG,card_org,,org\n\
                u_leeds_clerk1,card_noparent,con_nobody,x\n\
                u_leeds_clerk1,card_wrongparent,acc_pennine_hotels,x\n\
                u_leeds_clerk1,card_short\n\
                \n\
                u_leeds_clerk1,card_self,card_self,x\n";
    let report = run(&model, &data, "new_loyaltycard", text, None);
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(report.accepted, 1);
    assert_eq!(report.blank, 1);
    let rejected = reasons(&report);
    let rows: Vec<usize> = rejected.iter().map(|r| r.0).collect();
    assert_eq!(rows, [3, 4, 5, 6, 7, 8, 9, 11]);
    let expect = [
        "record id `card_margaret` already exists (a `new_loyaltycard` record)",
        "record id `card_ok` is also on row 2",
        "TEAM-4",
        "EVAL-6",
        "lookup `new_contactid`: no record `con_nobody`",
        "`acc_pennine_hotels` is a `account` record; `new_contactid` of `new_loyaltycard` points to `contact` (CASC-1)",
        "2 cells where the header has 4",
        "cannot be its own parent",
    ];
    for ((row, reason), want) in rejected.iter().zip(expect) {
        assert!(reason.contains(want), "row {row}: {reason} (wanted {want})");
    }
}

#[test]
fn owning_business_unit_must_follow_the_owner_without_modernized_business_units() {
    let (mut model, data) = store();
    model.settings.modernized_bu = false;
    let text = "owner,id,owning_bu\n\
                u_leeds_clerk1,c1,bu_store_york\n\
                u_leeds_clerk1,c2,Leeds\n\
                u_leeds_clerk1,c3,\"Leeds, Briggate\"\n\
                u_leeds_clerk1,c4,bu_nowhere\n";
    let report = run(&model, &data, "contact", text, None);
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    let rejected = reasons(&report);
    assert_eq!(rejected.len(), 3, "{rejected:?}");
    assert_eq!(rejected[0].0, 2);
    assert!(
        rejected[0]
            .1
            .contains("differs from `u_leeds_clerk1`'s business unit `bu_store_leeds`"),
        "{rejected:?}"
    );
    assert!(rejected[0].1.contains("BU-7"), "{rejected:?}");
    // `Leeds` is not a business unit name, but the display name `Leeds, Briggate` is.
    assert_eq!(rejected[1].0, 3);
    assert!(
        rejected[1].1.contains("`Leeds` is not a business unit"),
        "{rejected:?}"
    );
    assert_eq!(rejected[2].0, 5);
    assert_eq!(report.accepted, 1);

    // With modernized business units the owning BU may differ (MBU-4).
    model.settings.modernized_bu = true;
    let report = run(&model, &data, "contact", text, None);
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(report.accepted, 2, "{:?}", reasons(&report));
    let names = all.name_index();
    let c1 = all.record(names["c1"]).expect("c1");
    assert_eq!(
        c1.owning_bu.map(|b| model.bu_name(b)),
        Some("bu_store_york")
    );
}

#[test]
fn organization_owned_rows_take_no_owner_or_business_unit() {
    let (model, data) = store();
    let report = run(
        &model,
        &data,
        "product",
        "id,owner,owning_bu,name\np1,,,Scarf\np2,u_md,,Hat\np3,,bu_north,Gloves\n",
        None,
    );
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(report.accepted, 1);
    let rejected = reasons(&report);
    assert_eq!(rejected[0].0, 3);
    assert!(rejected[0].1.contains("organization-owned") && rejected[0].1.contains("ROLE-5"));
    assert_eq!(rejected[1].0, 4);
    assert!(rejected[1].1.contains("ROLE-5"));
    let p1 = all.records.last().expect("p1");
    assert_eq!((p1.owner, p1.owning_bu), (None, None));
}

#[test]
fn a_child_of_a_rejected_row_is_rejected_too() {
    let (model, data) = store();
    let mut model = model;
    let contact = table(&model, "contact");
    model.relationships.push(crate::model::Relationship {
        name: "contact_master".into(),
        kind: crate::model::RelationshipKind::OneToMany {
            parent: contact,
            child: contact,
            lookup: "masterid".into(),
            cascade: crate::model::CascadeConfig::default(),
        },
    });
    let report = run(
        &model,
        &data,
        "contact",
        "owner,id,masterid\nu_md,c_a,c_b\nnobody,c_b,\n",
        None,
    );
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(report.accepted, 0);
    let rejected = reasons(&report);
    assert_eq!(rejected[0].0, 2);
    assert_eq!(
        rejected[0].1,
        "lookup `masterid`: parent `c_b` is on row 3, which was rejected"
    );
}

#[test]
fn mapping_errors_stop_the_import_before_any_row() {
    let (model, data) = store();
    let t = table(&model, "contact");
    let csv = parse("a,b\n1,2\n").expect("parses");
    let twice = import(
        &model,
        &data,
        t,
        &csv,
        &[Target::Owner, Target::Owner],
        None,
    );
    assert!(matches!(twice, Err(ImportError::MappedTwice { .. })));
    let short = import(&model, &data, t, &csv, &[Target::Owner], None);
    assert!(matches!(short, Err(ImportError::MappingLength { .. })));
    let lookup = import(
        &model,
        &data,
        t,
        &csv,
        &[Target::Owner, Target::Lookup("objectid".into())],
        None,
    );
    assert!(matches!(lookup, Err(ImportError::UnknownLookup(..))));
}

#[test]
fn an_import_where_every_row_fails_leaves_the_records_as_they_were() {
    let (model, data) = store();
    let report = run(&model, &data, "contact", "owner,id\nnobody,x\n,y\n", None);
    let all = report.apply(&data).expect("applies");
    assert_eq!(all.records.len(), data.records.len() + report.accepted);
    assert_eq!(report.accepted, 0);
    assert_eq!(report.rejected.len(), 2);
    assert_eq!(all, data);
    assert_eq!(
        report.apply(&Dataset::default()),
        None,
        "a report applies to its own data only"
    );
    assert_eq!(
        report.rejected_csv(),
        "row,reason\r\n2,owner `nobody` is not a user or team of the model (help: choose a fallback owner to give such rows to)\r\n3,\"no owner: records of `contact` have an owner user or team (BU-7) (help: fill `owner`, or choose a fallback owner)\"\r\n"
    );
}

// ---- round trips

#[test]
fn a_table_exported_then_imported_gives_back_the_same_records() {
    let (model, data) = store();
    for name in ["new_loyaltycard", "annotation", "contact", "product"] {
        let t = table(&model, name);
        let text = table_to_csv(&model, &data, t);
        // The model without this table's records (and without shares, which CSV does not carry).
        let others: Vec<_> = data
            .records
            .iter()
            .filter(|r| r.table != t)
            .cloned()
            .collect();
        let rest = Dataset {
            records: others,
            ..Dataset::default()
        };
        let report = run(&model, &rest, name, &text, None);
        let all = report.apply(&rest).expect("applies");
        assert_eq!(all.records.len(), rest.records.len() + report.accepted);
        assert_eq!(reasons(&report), [], "{name}");
        let original: Vec<_> = data.records.iter().filter(|r| r.table == t).collect();
        let back: Vec<_> = all.records.iter().filter(|r| r.table == t).collect();
        assert_eq!(back.len(), original.len(), "{name}");
        for (a, b) in original.iter().zip(&back) {
            assert_eq!(
                (&a.name, a.owner, a.owning_bu, &a.values),
                (&b.name, b.owner, b.owning_bu, &b.values),
                "{name}"
            );
            let parent_names = |r: &crate::data::Record, d: &Dataset| -> Vec<String> {
                r.parents
                    .iter()
                    .map(|(rel, p)| format!("{}:{}", rel.0, d.record_name(*p)))
                    .collect()
            };
            assert_eq!(parent_names(a, &data), parent_names(b, &all), "{name}");
        }
    }
}

#[test]
fn a_dataset_round_trips_through_the_whole_dataset_csv() {
    let (model, _) = store();
    let data = crate::generate::sample_data_for(&model, 5, 300);
    let text = dataset_to_csv(&model, &data);
    let (wire, bad) = dataset_from_csv(&text).expect("reads");
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(wire.records.len(), 300);
    assert_eq!(
        wire.records,
        crate::format::to_wire(&model, Some(&data))
            .data
            .expect("data")
            .records
    );
}

#[test]
fn whole_dataset_csv_lists_bad_rows_and_keeps_the_rest() {
    let text = "table,id,owner,owning_bu,parent,name\r\n\
                account,a1,u1,bu1,,\"Smith, Jones\"\r\n\
                account,,u1,bu1,,x\r\n\
                account,a2,u1\r\n\
                account,a1,u1,bu1,,dup\r\n\
                contact,c1,u1,bu1,nolink,y\r\n\
                contact,c2,u1,bu1,rel:a1,\"say \"\"hi\"\"\"\r\n";
    let (data, bad) = dataset_from_csv(text).expect("reads");
    assert_eq!(data.records.len(), 2);
    assert_eq!(
        data.records.get("a1").expect("a1").values["name"],
        "Smith, Jones"
    );
    assert_eq!(
        data.records.get("c2").expect("c2").values["name"],
        "say \"hi\""
    );
    let rows: Vec<usize> = bad.iter().map(|b| b.row).collect();
    assert_eq!(rows, [3, 4, 5, 6]);
    assert_eq!(bad[2].reason, "record id `a1` is also on row 2");
    let err = dataset_from_csv("a,b\n1,2\n").expect_err("no header");
    assert!(
        err.to_string().contains("table,id,owner,owning_bu,parent"),
        "{err}"
    );
}

// ---- visible records

#[test]
fn visible_records_list_what_the_matrix_counts_with_a_path_each() {
    let (model, data) = store();
    let index = DataIndex::build(&model, &data);
    let clerk = *model
        .name_index()
        .users
        .get("u_leeds_clerk1")
        .expect("user");
    let (text, n) = visible_records(&model, &data, &index, clerk, Verb::Read);
    let tables: Vec<TableId> = (0..model.tables.len()).map(TableId::from_index).collect();
    let matrix = crate::query::matrix(&model, &data, &index, &[clerk], &tables);
    let counted: usize = (0..tables.len())
        .map(|t| matrix.get(0, t, Verb::Read) as usize)
        .sum();
    assert_eq!(n, counted);
    assert!(
        n > 0 && n < data.records.len(),
        "a clerk sees some records, not all"
    );
    let csv = parse(&text).expect("parses");
    assert_eq!(csv.headers, VISIBLE_COLUMNS);
    assert_eq!(csv.rows.len(), n);
    let card = csv
        .rows
        .iter()
        .find(|r| r.cells[1] == "card_margaret")
        .expect("her own card");
    assert_eq!(card.cells[0], "new_loyaltycard");
    assert_eq!(card.cells[2], "u_leeds_clerk1");
    assert_eq!(card.cells[3], "bu_store_leeds");
    assert!(!card.cells[4].is_empty());
    assert!(
        card.cells[5].contains('[') && card.cells[5].ends_with(']'),
        "{}",
        card.cells[5]
    );
}
