//! Running the pipeline: load → parse → render → write.

use crate::diag::{self, Diagnostic};
use crate::load::{load_site_with, load_theme};
use crate::parse::{Parsed, parse_site_streamed};
use crate::progress::{Progress, Step};
use std::path::Path;

/// Loads and validates the site at `root` and its theme (templates are compiled to find
/// their errors): every diagnostic, and the site when it is valid.
pub fn check(root: &Path) -> Parsed {
    check_with(root, &Progress::off())
}

/// [`check`], showing the load and parse stages on `progress`. The load stage reads
/// site.yaml, the attachments and the files other than service items; the service files
/// are read as they are parsed (see [`crate::load::LoadedSite`]), in the parse stage.
pub fn check_with(root: &Path, progress: &Progress) -> Parsed {
    let load = std::sync::OnceLock::new();
    let files = load_site_with(
        root,
        &|n| {
            let _ = load.set(progress.start(Step::Load, Some(n as u64)));
        },
        &|| {
            if let Some(s) = load.get() {
                s.tick(1);
            }
        },
    );
    if let Some(s) = load.into_inner() {
        s.finish();
    }
    let total = files.files.files.len() + files.services.len();
    let stage = progress.start(Step::Parse, Some(total as u64));
    let mut parsed = parse_site_streamed(files, &|n| stage.tick(n));
    stage.finish();
    let Some(site) = &parsed.site else {
        read_sources(root, &mut parsed);
        return parsed;
    };
    let (theme, mut diags) = load_theme(root, &site.config.theme);
    if diags.is_empty()
        && let Err(d) = crate::render::engine(site, &theme)
    {
        diags.extend(d);
    }
    for d in &diags {
        if let Some(t) = theme.templates.values().find(|t| t.origin == d.file) {
            parsed.sources.insert(d.file.clone(), t.text.clone());
        }
    }
    let failed = diag::error_count(&diags) > 0;
    parsed.diags.extend(diags);
    diag::sort(&mut parsed.diags);
    if failed {
        parsed.site = None;
    }
    parsed.theme = theme;
    read_sources(root, &mut parsed);
    parsed
}

/// Reads again the files whose lines the diagnostics print (parsing drops the texts).
fn read_sources(root: &Path, parsed: &mut Parsed) {
    for file in parsed.unsourced() {
        if let Some(text) = crate::load::read_text(root, &file) {
            parsed.sources.insert(file, text);
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Files of the new output (the manifest left out).
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Files that were in the previous output with the same bytes, kept as they were.
    pub unchanged: usize,
    /// Items and binders whose files were kept without rendering them again (from the
    /// previous build's manifest).
    pub units_kept: usize,
    /// Files of the previous output this build did not make (relative paths): put there
    /// by hand, or of content since removed. They are gone.
    pub removed: Vec<String>,
}

/// Why a build wrote nothing.
#[derive(Debug)]
pub enum BuildError {
    /// The content (or a template) has errors; see the diagnostics.
    Content,
    /// Rendering failed, e.g. a template error.
    Render(Vec<Diagnostic>),
    /// The output could not be written.
    Write(std::io::Error),
}

/// How to build.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Include drafts (and mark them).
    pub drafts: bool,
    /// Render everything and compare every file with the previous output's bytes,
    /// trusting nothing of the previous build's manifest (`build --full`).
    pub full: bool,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content => f.write_str(crate::diag::tr(
                "内容有错误，没有生成",
                "the content has errors; nothing was built",
            )),
            BuildError::Render(d) => write!(
                f,
                "{}",
                crate::tr!(
                    "网站无法生成（{} 个错误）",
                    "the site could not be rendered ({} error(s))",
                    d.len()
                )
            ),
            BuildError::Write(e) => write!(
                f,
                "{}",
                crate::tr!("无法写入输出：{}", "cannot write the output: {}", e)
            ),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Write(e) => Some(e),
            _ => None,
        }
    }
}

/// Builds the site whose parse result is `parsed` into `out`; drafts only when asked.
/// Incremental: what the previous build's manifest shows unchanged is kept.
pub fn build(parsed: &Parsed, out: &Path, drafts: bool) -> Result<BuildReport, BuildError> {
    build_with(
        parsed,
        out,
        BuildOptions {
            drafts,
            full: false,
        },
    )
}

/// Builds the site whose parse result is `parsed` into `out` as `options` say.
///
/// The previous output's manifest (see [`crate::manifest`]) tells which items and binders
/// are unchanged: their files stay as they are, unrendered. Everything else is rendered;
/// a file whose bytes did not change is not written again. The result is the same bytes
/// as a full build, and the output changes at once (see [`crate::write`]).
pub fn build_with(
    parsed: &Parsed,
    out: &Path,
    options: BuildOptions,
) -> Result<BuildReport, BuildError> {
    build_showing(parsed, out, options, &Progress::off())
}

/// Counts the files passed on to the sink, for the progress of rendering.
struct Counted<'a, S: crate::render::Sink> {
    sink: &'a S,
    stage: &'a crate::progress::Stage,
}

impl<S: crate::render::Sink> crate::render::Sink for Counted<'_, S> {
    fn put(&self, file: crate::render::OutputFile) -> std::io::Result<()> {
        self.stage.tick(1);
        self.sink.put(file)
    }

    fn put_streamed(
        &self,
        path: String,
        contents: crate::render::Contents<'_>,
    ) -> std::io::Result<()> {
        self.stage.tick(1);
        self.sink.put_streamed(path, contents)
    }
}

/// [`build_with`], showing the render and write stages on `progress`.
pub fn build_showing(
    parsed: &Parsed,
    out: &Path,
    options: BuildOptions,
    progress: &Progress,
) -> Result<BuildReport, BuildError> {
    if parsed.site.is_none() {
        return Err(BuildError::Content);
    }
    build_into(parsed, crate::write::Staging::new(out), options, progress)
}

/// [`build_showing`] into `staging`, made beforehand for the output (`gongkai build`
/// makes it, which lists the previous output, while the content is checked). Dropped
/// when the content has errors, it leaves the output as it was.
pub fn build_into(
    parsed: &Parsed,
    staging: std::io::Result<crate::write::Staging>,
    options: BuildOptions,
    progress: &Progress,
) -> Result<BuildReport, BuildError> {
    let Some(site) = &parsed.site else {
        return Err(BuildError::Content);
    };
    let drafts = options.drafts;
    let has_drafts = site.has_drafts();
    // Copy the site only when drafts must be taken out of it.
    let site: std::borrow::Cow<crate::model::Site> = if drafts || !has_drafts {
        std::borrow::Cow::Borrowed(site)
    } else {
        std::borrow::Cow::Owned(site.clone().without_drafts())
    };
    // The search index and the workbook depend on the site alone and take the longest of
    // the summaries (the workbook on one core): a thread of their own makes them while
    // the previous output is looked at, the inputs hashed and the pages rendered.
    std::thread::scope(|scope| {
        let ahead = scope.spawn(|| crate::render::summaries(&site));
        let ahead: crate::render::Ahead = Box::new(move || {
            ahead
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        build_site(&site, parsed, staging, options, progress, ahead)
    })
}

/// [`build_showing`] of `site` (drafts already taken out unless built), the summaries
/// coming from `ahead`.
fn build_site(
    site: &crate::model::Site,
    parsed: &Parsed,
    staging: std::io::Result<crate::write::Staging>,
    options: BuildOptions,
    progress: &Progress,
    ahead: crate::render::Ahead,
) -> Result<BuildReport, BuildError> {
    let drafts = options.drafts;
    let timer = crate::timing::Laps::new();
    let mut staging = staging.map_err(BuildError::Write)?;
    use crate::timing::timed;
    let inputs = timed("  inputs", || {
        crate::manifest::Inputs::of(site, &parsed.theme, drafts)
    });
    let mut kept = std::collections::BTreeMap::new();
    if !options.full
        && let Some((previous, written)) =
            timed("  previous manifest", || staging.previous_manifest())
    {
        let verified = timed("  verified", || staging.verified(&previous, written));
        kept = timed("  unchanged units", || {
            inputs.unchanged_units(&previous, &verified)
        });
        staging.trust(verified);
    }
    timer.lap("inputs and manifest");
    // The listing pages are kept after rendering, those that list no changed item.
    let listings = kept.remove(crate::manifest::LISTINGS_UNIT);
    for files in kept.values() {
        for (path, output) in files {
            staging.keep(path, output.clone());
        }
    }
    let dirty: std::collections::HashSet<String> = site
        .services
        .iter()
        .filter(|s| !kept.contains_key(&crate::manifest::service_unit(&s.code)))
        .map(|s| s.code.clone())
        .collect();
    let skip_binders: std::collections::HashSet<String> = site
        .centres
        .iter()
        .filter(|c| kept.contains_key(&crate::manifest::binder_unit(&c.slug)))
        .map(|c| c.slug.clone())
        .collect();
    let render_options = crate::render::RenderOptions {
        only_services: (dirty.len() < site.services.len()).then_some(&dirty),
        skip_binders: Some(&skip_binders),
        listing_items: listings.is_some().then_some(&dirty),
        ..Default::default()
    };
    let stage = progress.start(Step::Render, None);
    let counted = Counted {
        sink: &staging,
        stage: &stage,
    };
    match crate::render::render_into_with(
        site,
        &parsed.theme,
        render_options,
        Some(ahead),
        &counted,
    ) {
        Ok(()) => {}
        Err(crate::render::RenderError::Template(d)) => return Err(BuildError::Render(d)),
        Err(crate::render::RenderError::Sink(e)) => return Err(BuildError::Write(e)),
    }
    if let Some(files) = listings {
        staging.keep_unwritten(files);
    }
    stage.finish();
    let stage = progress.start(Step::Write, None);
    timer.lap("render and write");
    let (files, bytes) = staging.written();
    let unchanged = staging.reused() as usize;
    staging
        .write_manifest(&inputs.manifest(staging.outputs()))
        .map_err(BuildError::Write)?;
    timer.lap("manifest");
    let removed = staging.commit().map_err(BuildError::Write)?;
    timer.lap("commit");
    stage.finish();
    Ok(BuildReport {
        files: files as usize,
        bytes,
        unchanged,
        units_kept: kept.len(),
        removed,
    })
}

/// Why `init` wrote nothing.
#[derive(Debug)]
pub enum InitError {
    /// The folder exists and is not empty.
    NotEmpty,
    /// The binary holds no example site.
    NoExample,
    /// Writing failed.
    Io(std::io::Error),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::NotEmpty => {
                f.write_str(crate::diag::tr("文件夹不是空的", "the folder is not empty"))
            }
            InitError::NoExample => f.write_str(crate::diag::tr(
                "这个版本的 gongkai 没有带示例网站",
                "this build of gongkai holds no example site",
            )),
            InitError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for InitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InitError::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// Writes the example site built into the binary into `dir` (created when missing; it
/// must be empty). Returns the number of files written.
pub fn init(dir: &Path) -> Result<usize, InitError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(InitError::Io)?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty);
        }
    }
    let files = crate::load::example_files();
    if files.is_empty() {
        return Err(InitError::NoExample);
    }
    for (rel, bytes) in &files {
        if rel.split('/').any(|s| s == ".." || s.is_empty()) {
            continue;
        }
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(InitError::Io)?;
        }
        let today = chrono::Local::now().date_naive();
        let is_text = rel.ends_with(".md") || rel.ends_with(".yaml");
        match std::str::from_utf8(bytes) {
            Ok(text) if is_text => std::fs::write(&path, shift_dates(text, EXAMPLE_AS_OF, today))
                .map_err(InitError::Io)?,
            _ => std::fs::write(&path, bytes).map_err(InitError::Io)?,
        }
    }
    Ok(files.len())
}

/// The 统计日期 the example site is written for; `init` moves its dates to today.
const EXAMPLE_AS_OF: chrono::NaiveDate = chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();

/// `text` with every date `YYYY-MM-DD` moved by the days from `from` to `to`, and every
/// month `YYYY-MM` by the months between them, so that an example written for `from`
/// reads the same on `to` (a notice 公示中, a plan under way, no update in the future).
fn shift_dates(text: &str, from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let days = (to - from).num_days();
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let b = text.as_bytes();
    let digits = |i: usize, n: usize| -> Option<u32> {
        let s = b.get(i..i + n)?;
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(s).ok()?.parse().ok())
            .flatten()
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'-';
        let (Some(y), Some(m)) = (
            digits(i, 4).filter(|_| starts_word && b.get(i + 4) == Some(&b'-')),
            digits(i + 5, 2),
        ) else {
            i += 1;
            continue;
        };
        if !(2000..=2099).contains(&y) || !(1..=12).contains(&m) {
            i += 1;
            continue;
        }
        let day = digits(i + 8, 2).filter(|_| b.get(i + 7) == Some(&b'-'));
        let end = if day.is_some() { i + 10 } else { i + 7 };
        if b.get(end).is_some_and(|c| c.is_ascii_digit() || *c == b'-') {
            i += 1;
            continue;
        }
        let replacement = match day {
            Some(d) => chrono::NaiveDate::from_ymd_opt(y as i32, m, d)
                .map(|date| (date + chrono::Duration::days(days)).to_string()),
            None => {
                let total = y as i32 * 12 + m as i32 - 1 + months;
                Some(format!("{:04}-{:02}", total / 12, total % 12 + 1))
            }
        };
        if let Some(r) = replacement {
            out.push_str(&text[copied..i]);
            out.push_str(&r);
            copied = end;
        }
        i = end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_dates_move_to_today() {
        let from = chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
        let to = chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
        let text = "统计日期: 2026-09-30\n完成时限: 2026-12\n开始: 2026-09-24\n电话: 0570-1234500\n编码: 330100-GG-0001\n# 也可写 2026-5-6\n";
        assert_eq!(
            shift_dates(text, from, to),
            "统计日期: 2027-01-15\n完成时限: 2027-04\n开始: 2027-01-09\n电话: 0570-1234500\n编码: 330100-GG-0001\n# 也可写 2026-5-6\n"
        );
        assert_eq!(shift_dates(text, from, from), text);
    }

    #[test]
    fn init_writes_a_site_that_checks_clean_today() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        init(&dir).unwrap();
        let site = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
        let today = chrono::Local::now().date_naive().to_string();
        assert!(site.contains(&format!("统计日期: {today}")), "{site}");
        let parsed = check(&dir);
        assert!(parsed.site.is_some(), "{:#?}", parsed.diags);
        assert!(!parsed.diags.iter().any(|d| d.is_error()));
    }

    #[test]
    fn init_refuses_a_folder_that_is_not_empty() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("keep.txt"), "x").unwrap();
        assert!(matches!(init(tmp.path()), Err(InitError::NotEmpty)));
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("keep.txt")).unwrap(),
            "x"
        );
    }
}
