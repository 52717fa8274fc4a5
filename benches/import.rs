//! Import and export of a large catalogue, once (the machine is shared):
//! `cargo bench --bench import -- [ROWS] [SITE_DIR]`.
//!
//! 1. Makes a provincial-style workbook of ROWS items (default 10,000) — title and note
//!    rows, units in headings, numbers as numbers, materials in one numbered cell — and a
//!    办理流程 sheet of two steps an item, then times `import` of it into an empty site
//!    (in a child process, so that its peak memory is the import's alone).
//! 2. Exports the imported site (`export::services_xlsx`) and imports that export into
//!    another empty site: the round trip at that size; the item counts must agree.
//! 3. Exports the example site of this repository, and SITE_DIR when given (e.g. a site
//!    from ../shared/tools/gen-corpus.py), with their times and sizes.

use rust_xlsxwriter::Workbook;
use std::path::Path;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEPTS: &[&str] = &[
    "市场监督管理局",
    "公安分局",
    "民政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "卫生健康局",
    "交通运输局",
    "教育局",
];
const OBJS: &[&str] = &[
    "个体工商户",
    "食品经营",
    "道路运输",
    "建设工程",
    "居民身份证",
    "社会保险",
    "养老机构",
    "药品零售",
];
const NOUNS: &[&str] = &["登记", "备案", "许可", "变更", "注销", "核发"];
const TYPES: &[&str] = &[
    "行政许可",
    "行政确认",
    "行政给付",
    "公共服务",
    "其他行政权力",
];
const MATS: &[&str] = &["申请书", "身份证明", "营业执照", "场所使用证明", "承诺书"];

fn workbook(path: &Path, rows: usize) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("事项清单").unwrap();
    ws.write_string(0, 0, "清河区政务服务事项实施清单").unwrap();
    ws.write_string(1, 0, "说明：本表由事项管理系统导出")
        .unwrap();
    let head = [
        "序号",
        "事项名称",
        "实施编码",
        "事项类型",
        "实施主体",
        "行使层级",
        "设定依据",
        "申请材料",
        "法定办结时限（工作日）",
        "承诺办结时限（工作日）",
        "是否收费",
        "到办事现场次数",
        "办理地点",
        "办理时间",
        "咨询电话",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = i as u32 + 3;
        let pick = |list: &[&'static str], k: usize| list[(i * 7 + k * 13) % list.len()];
        let code = format!("330199-{i:06}");
        let stat = 5 + (i % 56) as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, format!("{}{}", pick(OBJS, 1), pick(NOUNS, 2)))
            .unwrap();
        ws.write_string(r, 2, &code).unwrap();
        ws.write_string(r, 3, pick(TYPES, 3)).unwrap();
        ws.write_string(r, 4, format!("清河区{}", pick(DEPTS, 4)))
            .unwrap();
        ws.write_string(r, 5, "区级").unwrap();
        ws.write_string(r, 6, "《中华人民共和国行政许可法》第十二条")
            .unwrap();
        ws.write_string(
            r,
            7,
            format!(
                "1.{}（1份）\n2.{}复印件\n3.授权委托书（委托办理时提供）",
                pick(MATS, 5),
                pick(MATS, 6)
            ),
        )
        .unwrap();
        ws.write_number(r, 8, f64::from(stat)).unwrap();
        ws.write_number(r, 9, f64::from(stat / 2)).unwrap();
        ws.write_string(r, 10, "否").unwrap();
        ws.write_number(r, 11, (i % 2) as f64).unwrap();
        ws.write_string(r, 12, "清河区行政服务中心一楼").unwrap();
        ws.write_string(r, 13, "周一至周五 9:00-17:00").unwrap();
        ws.write_string(r, 14, "0570-1234500").unwrap();
    }
    let steps = wb.add_worksheet();
    steps.set_name("办理流程").unwrap();
    for (c, h) in ["实施编码", "环节名称", "办理人员"].iter().enumerate() {
        steps.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let code = format!("330199-{i:06}");
        for (k, (step, who)) in [("受理", "窗口人员"), ("审核与决定", "业务科室")]
            .iter()
            .enumerate()
        {
            let r = (2 * i + k) as u32 + 1;
            steps.write_string(r, 0, &code).unwrap();
            steps.write_string(r, 1, *step).unwrap();
            steps.write_string(r, 2, *who).unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn empty_site() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("site.yaml"),
        "网站名称: 测试站\n主办单位: 清河区人民政府\n网站地址: https://t.example.gov.cn/\n统计日期: 2026-09-30\n",
    )
    .unwrap();
    d
}

/// Peak resident memory of this process, from /proc (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn import(file: &Path, root: &Path) -> gongkai::import::Report {
    let opts = gongkai::import::Options {
        file: file.into(),
        root: root.into(),
        map: None,
        dry_run: false,
    };
    let r = gongkai::import::run(&opts).unwrap();
    assert!(
        r.problems.is_empty(),
        "{:?}",
        &r.problems[..r.problems.len().min(5)]
    );
    r
}

fn export(root: &Path) -> (usize, Vec<u8>, f64) {
    let parsed = gongkai::build::check(root);
    let errors = parsed.diags.iter().filter(|d| d.is_error()).count();
    assert_eq!(errors, 0, "{:?}", parsed.diags.first());
    let site = parsed.site.unwrap().without_drafts();
    let t = Instant::now();
    let bytes = gongkai::export::services_xlsx(&site).unwrap();
    (site.services.len(), bytes, t.elapsed().as_secs_f64())
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    // The child: one import, then its time and peak memory.
    if args.first().map(String::as_str) == Some("child-import") {
        let t = Instant::now();
        let r = import(Path::new(&args[1]), Path::new(&args[2]));
        println!(
            "{} {} {:.3} {:.0}",
            r.rows,
            r.items.len(),
            t.elapsed().as_secs_f64(),
            peak_mb().unwrap_or(0.0)
        );
        return;
    }
    let rows: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("清单.xlsx");
    let t = Instant::now();
    workbook(&file, rows);
    let size = std::fs::metadata(&file).unwrap().len();
    println!(
        "generated workbook: {rows} items, {:.1} MB, {:.2} s",
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let site = empty_site();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["child-import", &file.display().to_string()])
        .arg(site.path())
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&out.stdout);
    let f: Vec<&str> = line.split_whitespace().collect();
    assert!(
        f.len() == 4,
        "{line} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "import: {} rows, {} items in {} s, peak memory {} MB",
        f[0], f[1], f[2], f[3]
    );

    let (n, bytes, secs) = export(site.path());
    println!(
        "export of the imported site: {n} items, {:.2} MB, {secs:.2} s",
        bytes.len() as f64 / 1e6
    );
    let again = dir.path().join("导出.xlsx");
    std::fs::write(&again, &bytes).unwrap();
    let other = empty_site();
    let t = Instant::now();
    let r = import(&again, other.path());
    println!(
        "import of that export: {} rows, {} items in {:.2} s",
        r.rows,
        r.items.len(),
        t.elapsed().as_secs_f64()
    );
    assert_eq!(r.items.len(), n);
    assert_eq!(export(other.path()).1, bytes, "round trip at {n} items");
    println!("round trip: the export of the re-import is the same file");

    let mut sites = vec![env!("CARGO_MANIFEST_DIR").to_string()];
    sites.extend(args.get(1).cloned());
    for s in sites {
        let (n, bytes, secs) = export(Path::new(&s));
        println!(
            "export of {s}: {n} items, {:.1} KB, {secs:.3} s",
            bytes.len() as f64 / 1024.0
        );
    }
}
