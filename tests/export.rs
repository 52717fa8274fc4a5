//! `gongkai export` and `/data/services.xlsx`: export → import gives the same items.

mod common;

use gongkai::import::{Options, Outcome, run};
use gongkai::model::Service;
use std::path::Path;

/// The example site (site.yaml, content/, themes/) copied into a temporary folder.
fn example_copy() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(src.join("site.yaml"), d.path().join("site.yaml")).unwrap();
    for dir in ["content", "themes"] {
        if src.join(dir).is_dir() {
            common::copy_dir(&src.join(dir), &d.path().join(dir));
        }
    }
    d
}

fn services(root: &Path) -> Vec<Service> {
    let parsed = gongkai::build::check(root);
    let errors: Vec<String> = parsed
        .diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.file, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    parsed.site.unwrap().without_drafts().services
}

fn export(root: &Path) -> Vec<u8> {
    let parsed = gongkai::build::check(root);
    gongkai::export::services_xlsx(&parsed.site.unwrap().without_drafts()).unwrap()
}

fn import(file: &Path, root: &Path) -> gongkai::import::Report {
    let r = run(&Options {
        file: file.into(),
        root: root.into(),
        map: None,
        dry_run: false,
    })
    .unwrap();
    assert!(r.problems.is_empty(), "{:#?}", r.problems);
    r
}

/// What a workbook carries of an item: everything but its file, body and FAQ.
fn comparable(mut s: Service) -> Service {
    s.source = String::new();
    s.body = String::new();
    s.faq = Vec::new();
    s
}

#[test]
fn example_site_round_trips_through_a_workbook() {
    let site = example_copy();
    let before = services(site.path());
    let bytes = export(site.path());
    let file = site.path().join("services.xlsx");
    std::fs::write(&file, &bytes).unwrap();

    // Into an empty site: the same items.
    let empty = example_copy();
    std::fs::remove_dir_all(empty.path().join("content/services")).unwrap();
    let r = import(&file, empty.path());
    assert_eq!(r.items.len(), before.len());
    assert!(r.items.iter().all(|(_, o)| *o == Outcome::Created));
    let after = services(empty.path());
    for (a, b) in before.into_iter().zip(after) {
        assert_eq!(comparable(a), comparable(b));
    }
    assert_eq!(
        export(empty.path()),
        bytes,
        "export of the import is the same file"
    );

    // Into the site it came from: no conflicts, the Markdown files keep their text and
    // hand-written keys (FAQ), and the items stay the same.
    let before = services(site.path());
    import(&file, site.path());
    let again = services(site.path());
    assert_eq!(before.len(), again.len());
    for (a, b) in before.into_iter().zip(again) {
        assert_eq!(a.source, b.source);
        assert_eq!(a.body, b.body);
        assert_eq!(a.faq, b.faq);
        assert_eq!(comparable(a), comparable(b));
    }

    // A second import changes no byte.
    let snapshot = |root: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(root.join("content/services"))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (p.display().to_string(), std::fs::read(&p).unwrap())
            })
            .collect();
        v.sort();
        v
    };
    let once = snapshot(empty.path());
    let r = import(&file, empty.path());
    assert!(r.items.iter().all(|(_, o)| *o == Outcome::Unchanged));
    assert_eq!(snapshot(empty.path()), once);
}

#[test]
fn export_bytes_are_deterministic() {
    let site = example_copy();
    let a = export(site.path());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(a, export(site.path()));
}

#[test]
fn the_build_publishes_the_export_as_data_services_xlsx() {
    let site = example_copy();
    let out = tempfile::tempdir().unwrap();
    let parsed = gongkai::build::check(site.path());
    gongkai::build::build(&parsed, out.path(), false).unwrap();
    let published = std::fs::read(out.path().join("data/services.xlsx")).unwrap();
    assert_eq!(published, export(site.path()));
}

#[test]
fn sheets_headings_and_text_cells() {
    use calamine::{Data, Reader, Xlsx};
    let site = example_copy();
    let bytes = export(site.path());
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["事项", "申请材料", "办理流程", "收费", "办理地点"]
    );
    let items = wb.worksheet_range("事项").unwrap();
    assert_eq!(items.get((0, 0)), Some(&Data::String("实施编码".into())));
    assert!(matches!(items.get((1, 0)), Some(Data::String(c)) if c.starts_with("330199-")));
    for name in ["申请材料", "办理流程", "收费", "办理地点"] {
        let r = wb.worksheet_range(name).unwrap();
        assert_eq!(
            r.get((0, 0)),
            Some(&Data::String("实施编码".into())),
            "{name}"
        );
        assert!(r.height() > 1, "{name} has rows");
    }
}
