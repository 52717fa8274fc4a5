//! `gongkai import`: workbooks and CSVs made here, each rule checked.

use gongkai::import::{Options, Outcome, run};
use rust_xlsxwriter::Workbook;
use std::path::Path;

fn site() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("site.yaml"), "").unwrap();
    d
}

fn workbook(path: &Path, rows: &[&[&str]]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "清河区政务服务事项实施清单").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if let Ok(n) = v.parse::<f64>() {
                ws.write_number(r as u32 + 2, c as u16, n).unwrap();
            } else {
                ws.write_string(r as u32 + 2, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn opts(file: &Path, root: &Path, dry: bool) -> Options {
    Options {
        file: file.into(),
        root: root.into(),
        map: None,
        dry_run: dry,
    }
}

const HEAD: &[&str] = &[
    "实施编码",
    "事项名称",
    "事项类型",
    "实施主体",
    "承诺办结时限（工作日）",
    "申请材料",
];

#[test]
fn header_units_materials_reimport_and_idempotence() {
    let s = site();
    let x = s.path().join("list.xlsx");
    workbook(
        &x,
        &[
            HEAD,
            &[],
            &[
                "A-1",
                "登记",
                "行政许可",
                "清河区局",
                "5",
                "1.身份证（1份）2、营业执照复印件",
            ],
        ],
    );
    let r = run(&opts(&x, s.path(), false)).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.rows, 1);
    let f = s.path().join("content/services/A-1.yaml");
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(text.contains("承诺时限: \"5个工作日\""), "{text}");
    assert!(
        text.contains("材料名称: \"营业执照\"\n    材料类型: \"复印件\""),
        "{text}"
    );
    assert!(text.contains("份数: 1"));
    std::fs::write(
        &f,
        format!("{text}常见问题:\n  - 问题: 要带照片吗？\n    答案: 不用。\n"),
    )
    .unwrap();
    let before = std::fs::read(&f).unwrap();
    let r = run(&opts(&x, s.path(), false)).unwrap();
    assert_eq!(r.items[0].1, Outcome::Unchanged);
    assert_eq!(
        std::fs::read(&f).unwrap(),
        before,
        "hand keys kept, no byte changed"
    );
}

#[test]
fn conflict_writes_nothing_and_identical_repeat_merges() {
    let s = site();
    let x = s.path().join("c.xlsx");
    let row = ["A-1", "登记", "行政许可", "清河区局", "5", "身份证"];
    workbook(&x, &[HEAD, &row, &row]);
    assert!(run(&opts(&x, s.path(), false)).unwrap().problems.is_empty());
    let s = site();
    workbook(
        &x,
        &[
            HEAD,
            &row,
            &["A-1", "登记", "行政许可", "清河区局", "7", "身份证"],
        ],
    );
    let r = run(&opts(&x, s.path(), false)).unwrap();
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].row, 5);
    assert!(
        r.problems[0].message.contains("5个工作日") && r.problems[0].message.contains("7个工作日")
    );
    assert!(!s.path().join("content").exists());
}

#[test]
fn bad_type_and_code_reported_dry_run_writes_nothing() {
    let s = site();
    let x = s.path().join("b.xlsx");
    workbook(
        &x,
        &[
            HEAD,
            &["A 1", "登记", "行政许可", "局", "5", "x"],
            &["B-1", "登记", "许可", "局", "五天", "x"],
        ],
    );
    let r = run(&opts(&x, s.path(), false)).unwrap();
    assert_eq!(r.problems.len(), 3, "{:?}", r.problems);
    let ok = s.path().join("ok.xlsx");
    workbook(&ok, &[HEAD, &["B-1", "登记", "行政许可", "局", "5", "x"]]);
    let r = run(&opts(&ok, s.path(), true)).unwrap();
    assert_eq!(r.items[0].1, Outcome::Created);
    assert!(!s.path().join("content").exists());
}

#[test]
fn gbk_semicolon_csv() {
    let s = site();
    let p = s.path().join("l.csv");
    let (gbk, _, _) = encoding_rs::GBK.encode("实施编码;事项名称;法定时限\nA-2;户籍登记;２０天\n");
    std::fs::write(&p, &gbk).unwrap();
    let r = run(&opts(&p, s.path(), false)).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let t = std::fs::read_to_string(s.path().join("content/services/A-2.yaml")).unwrap();
    assert!(
        t.contains("事项名称: \"户籍登记\"") && t.contains("法定时限: \"20天\""),
        "{t}"
    );
}

#[test]
fn fee_and_location_sheets_add_to_their_items() {
    let s = site();
    let x = s.path().join("f.xlsx");
    let mut wb = Workbook::new();
    let sheet = |wb: &mut Workbook, name: &str, rows: &[&[&str]]| {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    };
    sheet(
        &mut wb,
        "事项",
        &[HEAD, &["A-1", "换领", "行政确认", "局", "5", "身份证"]],
    );
    sheet(
        &mut wb,
        "收费",
        &[
            &["实施编码", "收费标准", "收费项目", "收费依据", "说明"],
            &["A-1", "20元/证", "工本费", "《通知》", "x"],
            &["A-1", "10元/证", "临时证工本费", "《通知》", ""],
        ],
    );
    sheet(
        &mut wb,
        "地点",
        &[
            &["实施编码", "办理地点", "地址", "联系电话"],
            &["A-1", "户政大厅", "建设路1号", "0570-1"],
        ],
    );
    wb.save(&x).unwrap();
    let r = run(&opts(&x, s.path(), false)).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(r.ignored.contains(&"说明".to_string()), "{:?}", r.ignored);
    let t = std::fs::read_to_string(s.path().join("content/services/A-1.yaml")).unwrap();
    assert!(
        t.contains(
            "收费:\n  - 收费项目: \"工本费\"\n    收费标准: \"20元/证\"\n    收费依据: \"《通知》\"\n  - 收费项目: \"临时证工本费\""
        ),
        "{t}"
    );
    assert!(
        t.contains(
            "办理地点:\n  - 地点: \"户政大厅\"\n    地址: \"建设路1号\"\n    电话: \"0570-1\"\n"
        ),
        "{t}"
    );
}

#[test]
fn enumerated_national_values_are_checked_with_row_and_column() {
    let s = site();
    let x = s.path().join("e.xlsx");
    let head: &[&str] = &["实施编码", "事项名称", "办件类型", "服务对象", "事项状态"];
    workbook(
        &x,
        &[
            head,
            &["A-1", "登记", "承诺件", "自然人、法人", "在用"],
            &["A-2", "备案", "即办", "个人", "作废"],
        ],
    );
    let r = run(&opts(&x, s.path(), false)).unwrap();
    let cols: Vec<(&str, usize)> = r
        .problems
        .iter()
        .map(|p| (p.column.as_str(), p.row))
        .collect();
    assert_eq!(cols, [("办件类型", 5), ("服务对象", 5), ("事项状态", 5)]);
    assert!(r.problems[0].message.contains("即办件、承诺件、其他"));
    assert!(!s.path().join("content").exists());
}

#[test]
fn equal_rows_on_a_part_sheet_stay_two_and_a_repeated_sheet_merges() {
    let s = site();
    let x = s.path().join("m.xlsx");
    let mut wb = Workbook::new();
    let rows: &[&[&str]] = &[
        &["实施编码", "材料名称", "份数"],
        &["A-1", "检测报告", "3"],
        &["A-1", "检测报告", "3"],
    ];
    let items: &[&[&str]] = &[&["实施编码", "事项名称"], &["A-1", "登记"]];
    for (name, rows) in [("事项", items), ("材料", rows), ("材料（副本）", rows)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(&x).unwrap();
    let r = run(&opts(&x, s.path(), false)).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let t = std::fs::read_to_string(s.path().join("content/services/A-1.yaml")).unwrap();
    assert_eq!(t.matches("材料名称: \"检测报告\"").count(), 2, "{t}");
}

#[test]
fn one_material_a_row_with_the_item_repeated() {
    let s = site();
    let x = s.path().join("d.xlsx");
    let head: &[&str] = &[
        "实施编码",
        "事项名称",
        "事项类型",
        "材料名称",
        "材料类型",
        "环节",
    ];
    workbook(
        &x,
        &[
            head,
            &["A-1", "登记", "行政许可", "申请书", "原件", "受理"],
            &["A-1", "登记", "行政许可", "身份证", "复印件", "受理"],
            &["A-1", "登记", "行政许可", "身份证", "复印件", "决定"],
        ],
    );
    let r = run(&opts(&x, s.path(), false)).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(r.ignored.is_empty(), "{:?}", r.ignored);
    let t = std::fs::read_to_string(s.path().join("content/services/A-1.yaml")).unwrap();
    assert!(
        t.contains("申报材料:\n  - 材料名称: \"申请书\"\n    材料类型: \"原件\"\n  - 材料名称: \"身份证\"\n    材料类型: \"复印件\"\n办事流程:\n  - 环节: \"受理\"\n  - 环节: \"决定\"\n"),
        "{t}"
    );
}

#[test]
fn after_an_import_with_publish_incomplete_the_completeness_table_is_printed() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("site.yaml"),
        "网站名称: 测试站\n主办单位: 测试单位\n网站地址: https://t.example.gov.cn/\n统计日期: 2026-09-30\n发布未完善事项: true\n",
    )
    .unwrap();
    let csv = d.path().join("清单.csv");
    std::fs::write(
        &csv,
        "实施编码,事项名称,事项类型,实施主体\nA-1,户籍登记,行政确认,区公安分局\nA-2,食品经营许可,行政许可,区市场监管局\n",
    )
    .unwrap();
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["import", csv.to_str().unwrap(), "--root"])
        .arg(d.path())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&r.stdout),
        String::from_utf8_lossy(&r.stderr),
    );
    assert_eq!(r.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("公开完整度"), "{out}{err}");
    assert!(
        out.contains("区公安分局") && out.contains("区市场监管局"),
        "{out}"
    );
}

#[test]
fn a_reimport_reports_each_changed_element_as_gongkai_changes_does() {
    let s = site();
    let x = s.path().join("list.xlsx");
    let row = |limit: &'static str, materials: &'static str| -> Vec<&'static str> {
        vec!["A-1", "登记", "行政许可", "清河区局", limit, materials]
    };
    workbook(&x, &[HEAD, &row("5", "1.身份证（1份）2、户口簿复印件")]);
    run(&opts(&x, s.path(), false)).unwrap();
    workbook(&x, &[HEAD, &row("3", "1.身份证（2份）")]);
    let r = run(&opts(&x, s.path(), true)).unwrap();
    assert!(matches!(r.items[0].1, Outcome::Changed(_)));
    let lines: Vec<String> = gongkai::diag::lang::with(gongkai::diag::Lang::Zh, || {
        r.changes["A-1"]
            .iter()
            .map(gongkai::diff::text::change_line)
            .collect()
    });
    assert_eq!(
        lines,
        [
            "申报材料[2]（户口簿） 删除：户口簿（复印件）",
            "申报材料[1].份数（身份证） 增加：1份 → 2份",
            "办理时限.承诺时限 缩短：5个工作日 → 3个工作日",
        ]
    );
}
