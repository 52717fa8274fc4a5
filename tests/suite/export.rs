//! `gongkai export` and `/data/services.xlsx`: export → import gives the same items.

use gongkai::import::{Options, Outcome, run};
use gongkai::model::Service;
use std::path::Path;

/// The example site (site.yaml, content/, themes/) copied into a temporary folder.
fn example_copy() -> tempfile::TempDir {
    site_copy(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// The site at `src` (site.yaml, content/, themes/) copied into a temporary folder.
fn site_copy(src: &Path) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::copy(src.join("site.yaml"), d.path().join("site.yaml")).unwrap();
    for dir in ["content", "themes"] {
        if src.join(dir).is_dir() {
            crate::common::copy_dir(&src.join(dir), &d.path().join(dir));
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

/// What a workbook carries of an item: everything but its file, body, FAQ and 调整记录.
fn comparable(mut s: Service) -> Service {
    s.source = String::new();
    s.body = String::new();
    s.faq = Vec::new();
    s.adjustments = Vec::new();
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
        [
            "事项",
            "申请材料",
            "办理流程",
            "收费",
            "办理地点",
            "特别程序"
        ]
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

/// A workbook as a provincial 事项管理系统 exports it: a merged title row and a note above
/// the headings, `*` and units in headings, numbers stored as numbers, materials in one cell
/// for one item and on their own sheet for another, steps and fees on their own sheets.
fn provincial_workbook(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("事项清单").unwrap();
    ws.merge_range(
        0,
        0,
        0,
        8,
        "清河区政务服务事项实施清单（2026年版）",
        &Format::new(),
    )
    .unwrap();
    ws.write_string(1, 0, "说明：带*的为必填项").unwrap();
    let head = [
        "序号",
        "*事项名称",
        "实施编码",
        "事项类型",
        "实施机关",
        "行使层级",
        "设定依据",
        "受理条件",
        "申请材料",
        "法定办结时限（工作日）",
        "承诺办结时限（工作日）",
        "是否收费",
        "收费项目",
        "收费标准",
        "收费依据",
        "到办事现场次数",
        "办理地点",
        "办理时间",
        "咨询电话",
        "办理结果",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows: [&[&str]; 3] = [
        &[
            "1",
            "个体工商户设立登记",
            "330199-XK-0101",
            "行政许可",
            "清河区市场监督管理局",
            "区级",
            "《促进个体工商户发展条例》第八条\n《市场主体登记管理条例》第三条",
            "有经营能力的自然人。\n\n经营场所符合规定。",
            "1.个体工商户登记申请书（1份）\n2、经营者身份证复印件\n（3）委托书（委托办理时提供）",
            "3",
            "即办",
            "否",
            "",
            "",
            "",
            "1",
            "区行政服务中心二楼",
            "周一至周五 9:00-17:00",
            "0570-1234501",
            "营业执照",
        ],
        &[
            "2",
            "居民身份证换领",
            "330199-QR-0101",
            "行政确认",
            "清河区公安分局",
            "区级、乡镇(街道)级",
            "《中华人民共和国居民身份证法》第十一条",
            "",
            "",
            "60",
            "30",
            "是",
            "居民身份证工本费",
            "20元/证",
            "《关于居民身份证收费标准的通知》（发改价格〔2003〕2322号）",
            "1",
            "区公安分局户政大厅",
            "",
            "0570-1234502",
            "居民身份证",
        ],
        &[
            "3",
            "再生育审批",
            "330199-QT-0101",
            "其他行政权力",
            "清河区卫生健康局",
            "区级",
            "《清河省人口与计划生育条例》第十九条",
            "",
            "无",
            "",
            "15",
            "否",
            "",
            "",
            "",
            "",
            "区卫生健康局",
            "",
            "",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 3, c as u16);
            if v.is_empty() {
                continue;
            }
            match v.parse::<f64>() {
                Ok(n) if c != 2 => ws.write_number(r, c, n).unwrap(),
                _ => ws.write_string(r, c, *v).unwrap(),
            };
        }
    }
    let sheet = |wb: &mut Workbook, name: &str, rows: &[&[&str]]| {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match v.parse::<f64>() {
                    Ok(n) if c > 0 => ws.write_number(r as u32, c as u16, n).unwrap(),
                    _ => ws.write_string(r as u32, c as u16, *v).unwrap(),
                };
            }
        }
    };
    sheet(
        &mut wb,
        "材料",
        &[
            &[
                "事项编码",
                "材料名称",
                "份数",
                "材料类型",
                "必要性",
                "来源渠道",
            ],
            &[
                "330199-QR-0101",
                "原居民身份证",
                "1",
                "原件",
                "必要",
                "政府部门核发",
            ],
            &[
                "330199-QR-0101",
                "户口簿",
                "1",
                "原件",
                "容缺后补",
                "申请人自备",
            ],
        ],
    );
    sheet(
        &mut wb,
        "流程",
        &[
            &[
                "实施编码",
                "环节名称",
                "办理人员",
                "环节时限（工作日）",
                "审查标准",
            ],
            &[
                "330199-XK-0101",
                "受理",
                "窗口人员",
                "",
                "材料齐全的当场受理",
            ],
            &["330199-XK-0101", "决定", "登记注册科", "即办", ""],
            &["330199-QR-0101", "受理", "户籍民警", "", ""],
            &["330199-QR-0101", "审批", "", "20", ""],
            &["330199-QT-0101", "申请", "", "", ""],
        ],
    );
    sheet(
        &mut wb,
        "收费",
        &[
            &["实施编码", "收费项目", "收费标准", "收费依据", "减免政策"],
            &[
                "330199-QR-0101",
                "临时居民身份证工本费",
                "10元/证",
                "《关于居民身份证收费标准的通知》（发改价格〔2003〕2322号）",
                "低保对象免收",
            ],
        ],
    );
    wb.save(path).unwrap();
}

fn yaml_files(root: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(root.join("content/services"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn provincial_workbook_imports_exports_and_imports_again_the_same() {
    let a = crate::common::TempSite::new(&[("site.yaml", crate::common::SITE_YAML)]);
    let file = a.root().join("清单.xlsx");
    provincial_workbook(&file);
    let r = import(&file, a.root());
    assert_eq!(r.rows, 3 + 2 + 5 + 1);
    let first = services(a.root());
    assert_eq!(first.len(), 3);
    let qr = &first[0];
    assert_eq!(
        qr.fees.as_ref().unwrap().len(),
        2,
        "item-level fee and the fee sheet"
    );
    assert_eq!(qr.materials.as_ref().unwrap().len(), 2);
    assert_eq!(qr.time_limit.as_ref().unwrap().promised.days, 30.0);
    let xk = &first[2];
    assert_eq!(xk.materials.as_ref().unwrap().len(), 3);
    assert_eq!(xk.legal_basis.len(), 2);
    assert_eq!(
        xk.conditions.as_deref(),
        Some("有经营能力的自然人。\n\n经营场所符合规定。")
    );

    let exported = a.root().join("导出.xlsx");
    std::fs::write(&exported, export(a.root())).unwrap();
    let b = crate::common::TempSite::new(&[("site.yaml", crate::common::SITE_YAML)]);
    import(&exported, b.root());
    let second = services(b.root());
    for (x, y) in first.into_iter().zip(second) {
        assert_eq!(comparable(x), comparable(y));
    }
    let (ya, yb) = (yaml_files(a.root()), yaml_files(b.root()));
    assert_eq!(ya.len(), yb.len());
    for (x, y) in ya.iter().zip(&yb) {
        assert!(x == y, "{}:\n{}\n----\n{}", x.0, x.1, y.1);
    }
}

/// An item that states every element of the national 实施清单 the parser reads.
const FULL_ITEM: &str = "---
事项编码: T-0001
事项名称: 食品经营许可
基本编码: '000123456000'
事项类型: 行政许可
实施主体: 测试局
实施主体编码: 11330100MB1234567E
办理层级: [区级]
事项状态: 暂停
生效日期: 2026-01-01
俗称: [开店执照, 食品证]
主题分类: [开办企业]
服务对象: [自然人, 法人]
办件类型: 承诺件
权力来源: 上级下放
下放委托部门: 市市场监督管理局
通办范围: 全市
办理形式: [窗口办理, 网上办理]
网上支付: 否
设定依据: [《食品安全法》第三十五条、第三十六条]
受理条件: |
  1. 有与经营相适应的场所；

  2. 有食品安全管理人员。
不予受理情形: 申请事项不属于本机关职权范围的。
申报材料:
  - 材料名称: 申请书
    材料类型: 原件
    材料形式: 纸质和电子
    份数: 2
    是否必需: 容缺
    来源: 申请人自备
    受理标准: 填写完整并签字
    填报须知: 用黑色签字笔填写
    材料依据: 《食品经营许可管理办法》第十二条
    备注: 可网上下载
  - 材料名称: 授权委托书
    是否必需: 委托办理时提供
办事流程:
  - 环节: 受理
    办理人员: 窗口人员
    环节时限: 0.5个工作日
  - 环节: 决定
    环节时限: {days: 3, unit: 工作日, 说明: 现场核查时间不计入}
办理时限:
  法定时限: 无
  承诺时限: 10个工作日
收费:
  - 收费项目: 工本费
    收费标准: 10元
    收费依据: 《通知》
    减免说明: 小微企业免收
特别程序:
  - 种类: 检验
    时限: 5个工作日
    说明: 抽样检验
  - 种类: 公示
到现场次数: 1
到现场原因: 需现场核验原件
网上办理地址: https://zwfw.example.gov.cn/T-0001
办理地点:
  - 地点: 行政服务中心
    地址: 建设路1号
    办理时间: 工作日 9:00-17:00
    电话: 0570-1
咨询电话: 0570-2
监督投诉电话: 0570-3
办理结果: {名称: 食品经营许可证, 类型: 证照}
中介服务: 无
数量限制: 无数量限制
救济途径: 可在60日内申请行政复议
物流快递: 是
预约办理: 否
办事属性: [一次办]
更新日期: 2026-05-01
---
";

#[test]
fn every_national_element_round_trips() {
    let a = crate::common::TempSite::new(&[
        ("site.yaml", crate::common::SITE_YAML),
        ("content/services/T-0001.md", FULL_ITEM),
    ]);
    let first = services(a.root());
    let file = a.root().join("导出.xlsx");
    std::fs::write(&file, export(a.root())).unwrap();
    let b = crate::common::TempSite::new(&[("site.yaml", crate::common::SITE_YAML)]);
    let r = import(&file, b.root());
    assert!(
        r.ignored.is_empty(),
        "every heading is read: {:?}",
        r.ignored
    );
    let second = services(b.root());
    assert_eq!(comparable(first[0].clone()), comparable(second[0].clone()));
    let (ok, out) = b.check();
    assert!(
        ok && !out.contains("warning") && !out.contains("提醒："),
        "{out}"
    );
}

#[test]
fn the_v2_fixture_site_round_trips() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-v2");
    let site = site_copy(&src);
    let before = services(site.path());
    let file = site.path().join("services.xlsx");
    std::fs::write(&file, export(site.path())).unwrap();
    let empty = site_copy(&src);
    std::fs::remove_dir_all(empty.path().join("content/services")).unwrap();
    import(&file, empty.path());
    let after = services(empty.path());
    assert_eq!(before.len(), after.len());
    for (a, b) in before.into_iter().zip(after) {
        assert_eq!(comparable(a), comparable(b));
    }
    // Back into the site it came from: no conflict, the same items.
    let again = services(site.path());
    import(&file, site.path());
    for (a, b) in again.into_iter().zip(services(site.path())) {
        assert_eq!(comparable(a), comparable(b));
    }
}

#[test]
fn the_command_writes_the_file_and_says_how_it_went() {
    let site = example_copy();
    let bin = env!("CARGO_BIN_EXE_gongkai");
    let out = site.path().join("清单.xlsx");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .env_remove("LANG")
            .output()
            .unwrap()
    };
    let root = site.path().to_str().unwrap();
    let r = run(&["export", out.to_str().unwrap(), "--root", root]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(String::from_utf8_lossy(&r.stderr).contains("已导出"));
    assert_eq!(std::fs::read(&out).unwrap(), export(site.path()));
    let r = run(&["export", "--root", root, "--output", "x.csv"]);
    assert_eq!(r.status.code(), Some(2));
    std::fs::write(
        site.path().join("content/services/bad.yaml"),
        "事项编码: [\n",
    )
    .unwrap();
    let before = std::fs::read(&out).unwrap();
    let r = run(&["export", out.to_str().unwrap(), "--root", root]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "a site with errors exports nothing"
    );
}

/// The workbook's rows go through a temporary file: where the temporary folder cannot
/// be written, `export` and `build` stop with a message that says so, in Chinese, and
/// leave the previous file and output as they were.
#[cfg(unix)]
#[test]
fn a_temporary_folder_that_cannot_be_written_stops_export_and_build() {
    let site = example_copy();
    let bin = env!("CARGO_BIN_EXE_gongkai");
    let root = site.path().to_str().unwrap();
    let out = site.path().join("清单.xlsx");
    let output = site.path().join("output");
    let run = |tmp: &Path, args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .env_remove("LANG")
            .env("TMPDIR", tmp)
            .output()
            .unwrap()
    };
    let good = tempfile::tempdir().unwrap();
    assert_eq!(
        run(
            good.path(),
            &["export", out.to_str().unwrap(), "--root", root]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(run(good.path(), &["build", root]).status.code(), Some(0));
    let file_before = std::fs::read(&out).unwrap();
    let xlsx_before = std::fs::read(output.join("data/services.xlsx")).unwrap();
    // A service edited, so that the build has something to write.
    let item = std::fs::read_dir(site.path().join("content/services"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(&item, text.replacen("事项名称: ", "事项名称: 新", 1)).unwrap();

    let missing = site.path().join("no-such-folder");
    let r = run(&missing, &["export", out.to_str().unwrap(), "--root", root]);
    let said = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{said}");
    assert!(
        said.contains("临时文件夹") && said.contains("no-such-folder"),
        "{said}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), file_before);

    let r = run(&missing, &["build", root]);
    let said = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(3), "{said}");
    assert!(said.contains("临时文件夹"), "{said}");
    assert_eq!(
        std::fs::read(output.join("data/services.xlsx")).unwrap(),
        xlsx_before
    );
    assert!(
        !std::fs::read_to_string(output.join("data/services.json"))
            .unwrap()
            .contains("\"新"),
        "the output is the previous build's"
    );
}
