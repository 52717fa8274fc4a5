//! Import stage: a county's catalogue workbook (.xlsx/.xls/.ods/.csv) → `content/services/<code>.yaml`.
//!
//! Beside load in the pipeline: [`table`] reads sheets of text cells, [`headings`] maps
//! headings onto content keys, [`materials`] splits material lists, [`items`] gathers rows
//! into items and finds 三统一 conflicts, [`yaml_out`] writes the files keeping hand-written
//! keys. Nothing is written unless the whole import succeeded.

pub mod headings;
pub mod items;
pub mod materials;
pub mod progress;
pub mod table;
pub mod yaml_out;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A problem with a cell, named by sheet, row (1-based, as Excel shows) and column heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Sheet name.
    pub sheet: String,
    /// Row number as Excel shows it.
    pub row: usize,
    /// Column heading.
    pub column: String,
    /// What is wrong and what is allowed, in Chinese.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}",
            crate::tr!(
                "工作表“{}”第 {} 行“{}”列：{}",
                "sheet “{}”, row {}, column “{}”: {}",
                self.sheet,
                self.row,
                self.column,
                self.message
            )
        )
    }
}

/// What one item's file became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new file.
    Created,
    /// The file changed: (element, old, new) for each key.
    Changed(Vec<(String, String, String)>),
    /// Same bytes as before.
    Unchanged,
}

/// The result of an import.
#[derive(Debug, Default)]
pub struct Report {
    /// Data rows read (header and blank rows not counted).
    pub rows: usize,
    /// Each item's code and outcome, in code order.
    pub items: Vec<(String, Outcome)>,
    /// Headings mapped onto a key.
    pub used: Vec<String>,
    /// Headings no key was found for.
    pub ignored: Vec<String>,
    /// Problems; when any, nothing was written.
    pub problems: Vec<Problem>,
    /// Departments (实施主体) by code, for the completeness summary.
    pub departments: BTreeMap<String, String>,
    /// For each changed item (by code), its elements that differ, as `gongkai changes`
    /// lists them (v2 §6); empty for an item whose file changed only in what the
    /// comparison does not look at (常见问题, the way a value is written).
    pub changes: BTreeMap<String, Vec<crate::diff::FieldChange>>,
}

/// Options of `gongkai import`.
pub struct Options {
    /// The workbook or CSV file.
    pub file: PathBuf,
    /// The site folder.
    pub root: PathBuf,
    /// Extra heading → key pairs (`--map`).
    pub map: Option<PathBuf>,
    /// Write nothing.
    pub dry_run: bool,
}

/// Runs an import; `Err` is a usage or file error (exit 2).
pub fn run(opts: &Options) -> Result<Report, String> {
    run_with(opts, &mut progress::Progress::off())
}

/// Runs an import, telling `progress` how far it is.
pub fn run_with(opts: &Options, progress: &mut progress::Progress) -> Result<Report, String> {
    let big = std::fs::metadata(&opts.file).is_ok_and(|m| m.len() > 1 << 20);
    if big {
        let f = opts.file.display();
        progress.note(&crate::tr!("正在读取 {f}…", "reading {f}…"));
    }
    let sheets = table::read(&opts.file)?;
    let extra = match &opts.map {
        Some(p) => read_map(p)?,
        None => BTreeMap::new(),
    };
    let gathered = items::gather(&sheets, &extra);
    let mut report = Report {
        rows: gathered.rows,
        used: gathered.used,
        ignored: gathered.ignored,
        problems: gathered.problems,
        ..Report::default()
    };
    if gathered.items.is_empty() && report.problems.is_empty() {
        return Err(crate::diag::tr(
            "表格中没有找到表头：需要至少“事项编码（实施编码）”和“事项名称”两列",
            "no header row found: the table needs at least the columns 事项编码 (实施编码) and 事项名称",
        )
        .into());
    }
    if !report.problems.is_empty() {
        return Ok(report);
    }
    let dir = opts.root.join("content").join("services");
    let existing = existing_files(&dir);
    let mut writes = Vec::new();
    progress.start(
        gathered.items.len(),
        crate::diag::tr("整理事项", "preparing items"),
    );
    for item in gathered.items.values() {
        progress.inc();
        let (path, old) = match existing.get(&item.code) {
            Some(e) => (e.path.clone(), Some(e)),
            None => (dir.join(format!("{}.yaml", item.code)), None),
        };
        let (yaml, outcome) = yaml_out::merge(item, old.map(|e| e.yaml.as_str()));
        let text = match old {
            Some(e) => format!("{}{yaml}{}", e.before, e.after),
            None => yaml,
        };
        report
            .departments
            .insert(item.code.clone(), item.department());
        if outcome != Outcome::Unchanged {
            writes.push((path, text));
        }
        report.items.push((item.code.clone(), outcome));
    }
    report.changes = element_changes(&opts.root, &report.items, &writes);
    if !opts.dry_run {
        progress.start(
            writes.len(),
            crate::diag::tr("写入事项文件", "writing item files"),
        );
        write_all(&dir, &writes, progress).map_err(|e| {
            let d = dir.display();
            crate::tr!(
                "无法写入 {d}：{e}；内容文件夹保持原样",
                "cannot write {d}: {e}; the content folder is as it was"
            )
        })?;
    }
    Ok(report)
}

/// The element-by-element changes of the items whose outcome is `Changed`: the site's
/// items as they are read now against the same items with `writes` in place.
fn element_changes(
    root: &Path,
    items: &[(String, Outcome)],
    writes: &[(PathBuf, String)],
) -> BTreeMap<String, Vec<crate::diff::FieldChange>> {
    let changed: Vec<&str> = items
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Changed(_)))
        .map(|(c, _)| c.as_str())
        .collect();
    if changed.is_empty() {
        return BTreeMap::new();
    }
    let mut files = crate::load::load_files(root);
    let before = crate::parse::services_as_read(&files);
    // Looked up by path and by code, not searched for: an import may change every one
    // of a catalogue's tens of thousands of items.
    let mut at: std::collections::HashMap<String, usize> = files
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.clone(), i))
        .collect();
    for (path, text) in writes {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        match at.get(&rel) {
            Some(&i) => files.files[i].text = text.clone(),
            None => {
                at.insert(rel.clone(), files.files.len());
                files.files.push(crate::load::SourceFile {
                    stem: path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    path: rel,
                    section: crate::load::Section::Services,
                    text: text.clone(),
                    is_yaml: true,
                })
            }
        }
    }
    let after = crate::parse::services_as_read(&files);
    // The first item of a code, as a search would find it (a site with errors may hold
    // two).
    let by_code = |list: &[crate::model::Service]| {
        let mut first = std::collections::HashMap::new();
        for (i, s) in list.iter().enumerate() {
            first.entry(s.code.clone()).or_insert(i);
        }
        first
    };
    let (in_before, in_after) = (by_code(&before), by_code(&after));
    changed
        .into_iter()
        .filter_map(|code| {
            let (o, n) = (&before[*in_before.get(code)?], &after[*in_after.get(code)?]);
            Some((code.to_string(), crate::diff::item(o, n)))
        })
        .collect()
}

/// An item file already in content/services: its YAML and what surrounds it.
struct Existing {
    path: PathBuf,
    /// The opening `---` line of a Markdown file (empty for .yaml).
    before: String,
    /// The front matter (the whole .yaml file).
    yaml: String,
    /// The closing `---` line and the Markdown body (empty for .yaml).
    after: String,
}

/// The item files under `dir` by their 事项编码 (or `code`), whatever their names.
fn existing_files(dir: &Path) -> BTreeMap<String, Existing> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !entry.file_type().is_file() || !matches!(ext, "md" | "yaml" | "yml") {
            continue;
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(text) = crate::load::decode(&path.display().to_string(), &bytes) else {
            continue;
        };
        let (before, yaml, after) = if ext == "md" {
            let Some(rest) = text.strip_prefix("---\n") else {
                continue;
            };
            let close = rest
                .match_indices("\n---")
                .map(|(i, _)| i + 1)
                .find(|&i| rest[i + 3..].starts_with(['\n', '\r']) || rest.len() == i + 3);
            let Some(close) = close else { continue };
            (
                "---\n".to_string(),
                &rest[..close],
                rest[close..].to_string(),
            )
        } else {
            (String::new(), text.as_str(), String::new())
        };
        let code = yaml.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            matches!(k, "事项编码" | "code").then(|| v.trim().trim_matches(['"', '\'']).to_string())
        });
        if let Some(code) = code {
            out.entry(code).or_insert(Existing {
                path: path.to_path_buf(),
                before,
                yaml: yaml.to_string(),
                after,
            });
        }
    }
    out
}

/// Writes every file to a temporary name first, then renames them all; on a failure the
/// temporary files are removed and content/ stays as it was.
fn write_all(
    dir: &Path,
    writes: &[(PathBuf, String)],
    progress: &mut progress::Progress,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut temps = Vec::new();
    let result = (|| {
        for (path, text) in writes {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let tmp = path.with_file_name(format!(".{name}.gongkai-import"));
            temps.push(tmp.clone());
            std::fs::write(&tmp, text)?;
            progress.inc();
        }
        Ok(())
    })();
    if let Err(e) = result {
        for t in &temps {
            let _ = std::fs::remove_file(t);
        }
        return Err(e);
    }
    for ((path, _), tmp) in writes.iter().zip(&temps) {
        std::fs::rename(tmp, path)?;
    }
    Ok(())
}

/// `--map` file: lines `表头: 键` (keys as in the built-in heading table).
fn read_map(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let p = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| crate::tr!("无法读取 {p}：{e}", "cannot read {p}: {e}"))?;
    let mut map = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((h, k)) = line.split_once([':', '：']) else {
            let n = n + 1;
            return Err(crate::tr!(
                "{p} 第 {n} 行应写成“表格表头: 标准表头”，例如“办件编号: 事项编码”",
                "{p} line {n}: write `workbook heading: standard heading`, e.g. `办件编号: 事项编码`"
            ));
        };
        let k = k.trim().trim_matches('"');
        if headings::item_target(k).is_none() && headings::part_target(k).is_none() {
            let n = n + 1;
            return Err(crate::tr!(
                "{p} 第 {n} 行：“{k}”不是可导入的表头，可用的见 docs/import.md",
                "{p} line {n}: “{k}” is not a heading the import reads; see docs/import.md"
            ));
        }
        map.insert(
            headings::split_unit(h.trim().trim_matches('"')).0,
            k.to_string(),
        );
    }
    Ok(map)
}

/// Runs `gongkai import`, prints the report in Chinese and, after writing, the site check
/// per department; returns the exit status (0 imported, 1 problems, 2 usage).
pub fn print_and_check(opts: &Options) -> i32 {
    let mut progress = progress::Progress::stderr();
    let result = run_with(opts, &mut progress);
    progress.finish();
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}{e}", crate::diag::tr("错误：", "error: "));
            return crate::cli::EXIT_USAGE;
        }
    };
    let (rows, used, ignored) = (
        report.rows,
        report.used.join("、"),
        report.ignored.join("、"),
    );
    eprintln!(
        "{}",
        crate::tr!("读取数据行 {rows} 行", "{rows} data rows read")
    );
    eprintln!(
        "{}",
        crate::tr!("使用的表头：{used}", "headings used: {used}")
    );
    if !report.ignored.is_empty() {
        eprintln!(
            "{}",
            crate::tr!(
                "未使用的表头（可用 --map 指定）：{ignored}",
                "headings not used (map them with --map): {ignored}"
            )
        );
    }
    if !report.problems.is_empty() {
        for p in &report.problems {
            eprintln!("{p}");
        }
        let n = report.problems.len();
        eprintln!(
            "{}",
            crate::tr!(
                "共 {n} 个问题；没有写入任何文件。",
                "{n} problem(s); no file was written."
            )
        );
        return crate::cli::EXIT_CONTENT;
    }
    let count = |f: fn(&Outcome) -> bool| report.items.iter().filter(|(_, o)| f(o)).count();
    for (code, o) in &report.items {
        if let Outcome::Changed(list) = o {
            eprintln!("{}", crate::tr!("修改 {code}：", "changed {code}:"));
            if let Some(changes) = report.changes.get(code).filter(|c| !c.is_empty()) {
                for c in changes {
                    eprintln!("  {}", crate::diff::text::change_line(c));
                }
                continue;
            }
            for (k, old, new) in list {
                eprintln!(
                    "  {k}：{} → {}",
                    old.replace('\n', " "),
                    new.replace('\n', " ")
                );
            }
        }
    }
    let (created, changed, unchanged) = (
        count(|o| *o == Outcome::Created),
        count(|o| matches!(o, Outcome::Changed(_))),
        count(|o| *o == Outcome::Unchanged),
    );
    let dry = if opts.dry_run {
        crate::diag::tr("（试运行，没有写入文件）", " (dry run: no file written)")
    } else {
        ""
    };
    eprintln!(
        "{}",
        crate::tr!(
            "新建 {created} 个事项，修改 {changed} 个，未变 {unchanged} 个{dry}",
            "{created} item(s) created, {changed} changed, {unchanged} unchanged{dry}"
        )
    );
    if !opts.dry_run {
        let parsed = crate::build::check(&opts.root);
        let mut by_dept: BTreeMap<&str, usize> = BTreeMap::new();
        for d in parsed.diags.iter().filter(|d| d.is_error()) {
            let code = Path::new(&d.file)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("");
            if let Some(dept) = report.departments.get(code) {
                *by_dept.entry(dept).or_default() += 1;
            }
        }
        for (dept, n) in by_dept {
            eprintln!(
                "{}",
                crate::tr!(
                    "{dept}：还缺 {n} 项内容，运行 gongkai check 查看",
                    "{dept}: {n} element(s) still missing; run gongkai check to see them"
                )
            );
        }
        // With 发布未完善事项 the missing elements are not errors: the same per-department
        // table as `check` says what is still to be written.
        if let Some(site) = &parsed.site {
            crate::cli::print_completeness(site);
        }
    }
    crate::cli::EXIT_OK
}
