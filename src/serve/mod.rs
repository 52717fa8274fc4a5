//! `gongkai serve`: live preview with drafts.
//!
//! Builds the site (drafts included) into memory, serves it on localhost, watches the
//! site folder and rebuilds on every save, then tells open pages to reload. When a save
//! breaks the site, the last good pages stay served and every page shows the errors.
//!
//! - [`rebuild`]: re-reads what changed, parses, renders;
//! - [`watch`]: file events → batches of changed paths;
//! - [`http`]: pages from memory and the event stream;
//! - [`conn`]: a cap on connections, and a timeout on idle ones;
//! - [`inject`], [`overlay`]: the draft banner, error overlay and reload script in pages.

pub mod conn;
pub mod http;
pub mod inject;
pub mod overlay;
pub mod rebuild;
pub mod watch;

use http::{AppState, Snapshot};
use rebuild::{Changed, Outcome, Rebuilder, Rebuilt};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tokio::sync::watch as tokio_watch;

/// How long the rebuild loop waits for more batches before rebuilding, so that a burst
/// of changes (a `git checkout`) makes one rebuild.
const SETTLE: Duration = Duration::from_millis(10);

/// How many ports after `--port` are tried when it is taken.
const PORT_TRIES: u16 = 20;

/// Options of `gongkai serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on (loopback unless asked otherwise).
    pub bind: IpAddr,
    /// First port to try (0: any free port).
    pub port: u16,
    /// Poll the files instead of using the system's change notifications.
    pub poll: bool,
    /// Open the preview in the browser.
    pub open: bool,
}

/// Why serving could not start.
#[derive(Debug)]
pub enum ServeError {
    /// No free port, or the address cannot be used.
    Bind(String),
    /// The files cannot be watched.
    Watch(String),
    /// The async runtime could not start.
    Runtime(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Bind(m) => write!(f, "{m}"),
            ServeError::Watch(m) => f.write_str(&crate::tr!(
                "无法监视网站文件夹的变化：{m}",
                "cannot watch the site folder: {m}"
            )),
            ServeError::Runtime(e) => f.write_str(&crate::tr!(
                "预览无法启动：{e}",
                "cannot start the server: {e}"
            )),
        }
    }
}

/// Serves the site until Ctrl-C. Content errors never stop it.
pub fn serve(opts: &ServeOptions) -> Result<(), ServeError> {
    let root = opts
        .root
        .canonicalize()
        .unwrap_or_else(|_| opts.root.clone());
    let listener = bind(opts.bind, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError::Bind(e.to_string()))?;

    // First build before anything is served.
    let mut rebuilder = Rebuilder::new(&root);
    let (first, initial) = run_rebuild(&mut rebuilder, &Changed::default(), &root, None);
    let (snap_tx, snap_rx) = tokio_watch::channel(Arc::new(initial));
    report_first(&first);
    release_memory();

    let (change_tx, change_rx) = mpsc::channel::<Changed>();
    let watcher = watch::SiteWatcher::start(&root, opts.poll, change_tx)
        .map_err(|e| ServeError::Watch(e.to_string()))?;
    let snap_tx = Arc::new(snap_tx);
    {
        let snap_tx = snap_tx.clone();
        let root = root.clone();
        std::thread::Builder::new()
            .name("gongkai-rebuild".into())
            .spawn(move || rebuild_loop(rebuilder, watcher, change_rx, snap_tx, root))
            .map_err(ServeError::Runtime)?;
    }

    let base = snap_rx.borrow().output.base_path.clone();
    // 0.0.0.0 and :: mean "every address"; a browser on this computer opens loopback.
    let shown = if addr.ip().is_unspecified() {
        SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), addr.port())
    } else {
        addr
    };
    let url = format!(
        "http://{}{}",
        shown,
        if base.is_empty() { "/" } else { &base }
    );
    if !opts.bind.is_loopback() {
        let bind = opts.bind;
        println!(
            "{}",
            crate::tr!(
                "提醒：正在 {bind} 上提供预览——能连到这台电脑的人都能看到，包括草稿",
                "warning: listening on {bind} — anyone who can reach this computer can see the preview, drafts included"
            )
        );
    }
    let r = root.display();
    println!(
        "{}",
        crate::tr!(
            "正在预览 {r}：请在浏览器中打开 {url} （显示草稿）；按 Ctrl+C 停止",
            "serving {r} at {url} (drafts shown); press Ctrl-C to stop"
        )
    );
    if opts.open && open::that_detached(&url).is_err() {
        println!(
            "{}",
            crate::tr!(
                "无法自动打开浏览器；请自己打开 {url}",
                "could not open a browser; open {url} yourself"
            )
        );
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(ServeError::Runtime)?;
        let (stop_tx, stop_rx) = tokio_watch::channel(false);
        let app = http::router(AppState {
            snapshot: snap_rx,
            shutdown: stop_rx,
        });
        axum::serve(conn::Guarded::new(listener), app)
            .with_graceful_shutdown(async move {
                stop_signal().await;
                let _ = stop_tx.send(true);
            })
            .await
            .map_err(ServeError::Runtime)
    })?;
    // Stop waiting on long-lived connections that ignore the shutdown.
    runtime.shutdown_timeout(Duration::from_secs(1));
    println!("{}", crate::diag::tr("预览已停止", "stopped"));
    Ok(())
}

/// Binds `ip:port`, or the next free port when it is taken.
fn bind(ip: IpAddr, port: u16) -> Result<std::net::TcpListener, ServeError> {
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    let mut last = None;
    for p in (0..tries).filter_map(|i| port.checked_add(i)) {
        match std::net::TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => {
                if p != port {
                    println!(
                        "{}",
                        crate::tr!(
                            "端口 {port} 已被占用，改用 {p}",
                            "port {port} is in use; using {p}"
                        )
                    );
                }
                l.set_nonblocking(true)
                    .map_err(|e| ServeError::Bind(e.to_string()))?;
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => {
                return Err(ServeError::Bind(crate::tr!(
                    "无法在 {ip}:{p} 上提供预览：{e}",
                    "cannot listen on {ip}:{p}: {e}"
                )));
            }
        }
    }
    Err(ServeError::Bind(crate::tr!(
        "端口 {port} 到 {} 都已被占用（{}）；请用 --port 换一个",
        "ports {port} to {} are all in use ({}); choose another with --port",
        port.saturating_add(tries - 1),
        last.map(|e| e.to_string()).unwrap_or_default()
    )))
}

async fn stop_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = ctrl_c => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// Waits for batches of changes, merges those that come close together, rebuilds and
/// publishes the result. Runs until the watcher goes away.
fn rebuild_loop(
    mut rebuilder: Rebuilder,
    mut watcher: watch::SiteWatcher,
    rx: mpsc::Receiver<Changed>,
    snap_tx: Arc<tokio_watch::Sender<Arc<Snapshot>>>,
    root: PathBuf,
) {
    while let Ok(mut changed) = rx.recv() {
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            changed.merge(more);
        }
        if watcher.rearm(&changed) {
            changed.rescan = true;
        }
        let previous = snap_tx.borrow().clone();
        let (rebuilt, snap) = run_rebuild(&mut rebuilder, &changed, &root, Some(&previous));
        if let Some(rebuilt) = rebuilt {
            report(&rebuilt);
            snap_tx.send_replace(Arc::new(snap));
            drop(previous);
            release_memory();
        }
    }
}

/// Hands the memory a rebuild freed back to the system once pages have been told to
/// reload. The binary allocates with mimalloc, which otherwise keeps freed pages for reuse:
/// on a 10,000-item site the preview held about 470 MB instead of about 370 MB.
fn release_memory() {
    // SAFETY: mi_collect takes no pointers and may be called at any time from any thread;
    // when mimalloc is not the global allocator it only tidies mimalloc's own empty heap.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// One rebuild, never panicking: returns what happened (None when nothing changed) and
/// the snapshot to serve next.
fn run_rebuild(
    rebuilder: &mut Rebuilder,
    changed: &Changed,
    root: &Path,
    previous: Option<&Snapshot>,
) -> (Option<Timed>, Snapshot) {
    let started = Instant::now();
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rebuilder.rebuild(changed)));
    let elapsed = started.elapsed();
    let base = previous.cloned().unwrap_or_default();
    let rebuilt = match result {
        Ok(r) => r,
        Err(panic) => {
            // The cache may be half updated: start afresh next time.
            *rebuilder = Rebuilder::new(root);
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Rebuilt {
                outcome: Outcome::Failed(rebuild::Problems {
                    diags: vec![
                        crate::diag::Diagnostic::error(
                            "",
                            crate::tr!(
                                "重新生成时程序内部出错：{what}",
                                "internal error while rebuilding: {what}"
                            ),
                        )
                        .help(crate::diag::tr(
                            "这是 gongkai 的缺陷；仍显示上次成功生成的页面，再保存一次可重试",
                            "this is a bug in gongkai; the last good pages stay served — save again to retry",
                        )),
                    ],
                    sources: Default::default(),
                }),
                changed: changed.paths.iter().cloned().collect(),
                warnings: 0,
                timings: Default::default(),
            }
        }
    };
    let snap = match &rebuilt.outcome {
        Outcome::Unchanged => return (None, base),
        Outcome::Built(output) => Snapshot {
            output: output.clone(),
            generation: base.generation + 1,
            overlay: Arc::from(""),
        },
        Outcome::Failed(problems) => Snapshot {
            overlay: Arc::from(overlay::overlay_html(problems)),
            ..base
        },
    };
    (Some(Timed { rebuilt, elapsed }), snap)
}

/// A rebuild and how long it took in all.
struct Timed {
    rebuilt: Rebuilt,
    elapsed: Duration,
}

fn report_first(first: &Option<Timed>) {
    let Some(t) = first else { return };
    match &t.rebuilt.outcome {
        Outcome::Built(o) => println!(
            "{}",
            crate::tr!(
                "已生成 {} 个文件，用时 {} 毫秒{}",
                "built {} files in {} ms{}",
                o.files.len(),
                t.elapsed.as_millis(),
                warnings(t.rebuilt.warnings)
            )
        ),
        Outcome::Failed(p) => print_problems(
            p,
            t.elapsed,
            crate::diag::tr("网站有错误", "the site has errors"),
        ),
        Outcome::Unchanged => {}
    }
}

fn report(t: &Timed) {
    let r = &t.rebuilt;
    let what = describe(&r.changed);
    match &r.outcome {
        Outcome::Built(_) => println!(
            "{}",
            crate::tr!(
                "已重新生成，用时 {} 毫秒：{what}{}（读取 {} 毫秒，检查 {} 毫秒，生成 {} 毫秒）",
                "rebuilt in {} ms: {what}{} (load {} ms, parse {} ms, render {} ms)",
                t.elapsed.as_millis(),
                warnings(r.warnings),
                r.timings.load.as_millis(),
                r.timings.parse.as_millis(),
                r.timings.render.as_millis(),
            )
        ),
        Outcome::Failed(p) => print_problems(p, t.elapsed, &what),
        Outcome::Unchanged => {}
    }
}

fn print_problems(p: &rebuild::Problems, elapsed: Duration, what: &str) {
    let errors: Vec<crate::diag::Diagnostic> =
        p.diags.iter().filter(|d| d.is_error()).cloned().collect();
    let mut err = codespan_reporting::term::termcolor::BufferedStandardStream::stderr(
        codespan_reporting::term::termcolor::ColorChoice::Never,
    );
    let _ = crate::diag::render(&mut err, &errors, &p.sources);
    println!(
        "{}",
        crate::tr!(
            "重新生成失败（用时 {} 毫秒）：{what}：{} 个错误；仍显示上次成功生成的页面，页面上列出了错误",
            "rebuild failed in {} ms: {what}: {} error(s); the last good pages stay served and show the errors",
            elapsed.as_millis(),
            errors.len()
        )
    );
}

fn warnings(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        crate::tr!("，{n} 个提醒", ", {n} warning(s)")
    }
}

/// `content/services/a.md changed`, or the first few and a count.
fn describe(changed: &[String]) -> String {
    match changed.len() {
        0 => crate::diag::tr("模板或主题有改动", "templates or theme changed").into(),
        1 => crate::tr!("{} 有改动", "{} changed", changed[0]),
        2 | 3 => crate::tr!(
            "{} 有改动",
            "{} changed",
            changed.join(crate::diag::tr("、", ", "))
        ),
        n => crate::tr!(
            "{}、{} 等 {} 个文件有改动",
            "{}, {} and {} more changed",
            changed[0],
            changed[1],
            if crate::diag::lang::is_en() { n - 2 } else { n }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_changes_briefly() {
        use crate::diag::lang::{Lang, with};
        let many: Vec<String> = (0..10).map(|i| format!("f{i}")).collect();
        with(Lang::En, || {
            assert_eq!(describe(&["a.md".into()]), "a.md changed");
            assert_eq!(describe(&many), "f0, f1 and 8 more changed");
        });
        with(Lang::Zh, || {
            assert_eq!(describe(&["a.md".into()]), "a.md 有改动");
            assert_eq!(describe(&many), "f0、f1 等 10 个文件有改动");
        });
    }

    #[test]
    fn next_port_when_taken() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        if port == u16::MAX {
            return;
        }
        let l = bind("127.0.0.1".parse().unwrap(), port).unwrap();
        assert_ne!(l.local_addr().unwrap().port(), port);
    }
}
