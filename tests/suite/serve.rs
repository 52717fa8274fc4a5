//! `gongkai serve` end to end: the binary on a free port against a copy of
//! tests/fixtures/serve-site, driven over raw HTTP/1.0 and its Server-Sent Events stream.
//!
//! Nothing here measures time: every wait polls for the expected state with a generous limit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(10);
const DRAFT: &str = "330199-QT-0006";
const ITEM: &str = "content/services/330199-XK-0001.md";

/// Polls `f` until it returns Some, or panics after [`LIMIT`] with `what`.
fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        if start.elapsed() > LIMIT {
            panic!("gave up waiting for {what}");
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A running `gongkai serve` on a copy of the fixture site.
struct Server {
    child: Child,
    addr: String,
    site: tempfile::TempDir,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    /// Starts the server with extra arguments (e.g. `--poll`).
    fn start_with(extra: &[&str]) -> Server {
        let site = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-site"),
            site.path(),
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .args(["serve", "--port", "0", "--root"])
            .arg(site.path())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    let mut l = log.lock().unwrap();
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        let log2 = log.clone();
        let addr = wait_for("the server's address", || {
            let l = log2.lock().unwrap();
            let i = l.find("http://")?;
            let rest = &l[i + "http://".len()..];
            let end = rest.find('/')?;
            Some(rest[..end].to_string())
        });
        Server {
            child,
            addr,
            site,
            log,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.path().join(rel)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Lines saying a rebuild happened (succeeded or failed).
    fn rebuilds(&self) -> usize {
        self.log()
            .lines()
            .filter(|l| l.starts_with("rebuilt in") || l.starts_with("rebuild failed in"))
            .count()
    }

    /// GET `path` exactly as given; returns status, headers (lowercased) and body.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(LIMIT)).unwrap();
        write!(s, "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    /// Opens the event stream; what arrives accumulates in the returned buffer.
    fn events(&self) -> Arc<Mutex<String>> {
        let buf = Arc::new(Mutex::new(String::new()));
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(
            s,
            "GET /__gongkai/events HTTP/1.0\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        let b = buf.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = s.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                b.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&chunk[..n]));
            }
        });
        buf
    }

    /// Waits for a `reload` event carrying generation `generation`.
    fn wait_reload(&self, events: &Arc<Mutex<String>>, generation: u64) {
        let want = format!("event: reload\ndata: {generation}\n");
        wait_for(&format!("reload event {generation}"), || {
            events.lock().unwrap().contains(&want).then_some(())
        });
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn edit(path: &Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from}", path.display());
    text.replace(from, to)
}

/// Writes like vim and VS Code's safe save: a temporary file beside it, then a rename.
fn write_then_rename(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn serves_files_from_memory_with_reload_script() {
    let s = Server::start();
    let (status, head, body) = s.get("/static/preview.html");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("第一版"));
    assert!(body.contains("/__gongkai/events"), "reload script injected");
    let script = body.find("<script>").unwrap();
    assert!(script < body.rfind("</body>").unwrap());
    assert!(!body.contains("gongkai-draft"));

    let (status, head, _) = s.get("/static/forms/geti-shenqing.docx");
    assert_eq!(status, 200);
    assert!(head.contains("wordprocessingml.document"), "{head}");

    let (status, _, body) = s.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("/__gongkai/events"));
}

#[test]
fn printable_documents_are_rendered_when_asked_for() {
    let s = Server::start();
    let (status, head, body) = s.get("/services/330199-XK-0001/330199-XK-0001.docx");
    assert_eq!(status, 200);
    assert!(head.contains("wordprocessingml.document"), "{head}");
    assert!(body.starts_with("PK"), "a zip archive");
    let (status, _, _) = s.get("/notices/zhoubao-39/zhoubao-39.docx");
    assert_eq!(status, 404, "notices not for print have no document");
    let (status, _, _) = s.get("/services/330199-XK-0001/other.docx");
    assert_eq!(status, 404);
}

#[test]
fn open_data_search_index_and_sitemap_are_served() {
    let s = Server::start();
    let (status, head, body) = s.get("/data/services.json");
    assert_eq!(status, 200);
    assert!(head.contains("json"), "{head}");
    assert!(body.contains("330199-XK-0001"));
    let (status, _, body) = s.get("/sitemap.xml");
    assert_eq!(status, 200);
    assert!(body.contains("services/330199-XK-0001/"));
    let (status, _, body) = s.get("/search/index.json");
    assert_eq!(status, 200, "{body}");
    let (status, _, _) = s.get("/search/../site.yaml");
    assert_eq!(status, 404);
}

#[test]
fn traversal_attempts_are_not_found() {
    let s = Server::start();
    for p in [
        "/../site.yaml",
        "/static/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/static/%2E%2E/%2e%2e/site.yaml",
        "/static%2f..%2f..%2fsite.yaml",
        "/static/..%5c..%5csite.yaml",
        "/static\\..\\..\\site.yaml",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/content/services/330199-XK-0001.md",
    ] {
        let (status, _, body) = s.get(p);
        assert_eq!(status, 404, "{p}");
        assert!(!body.contains("网站名称"), "{p} leaked site.yaml");
    }
}

#[test]
fn edits_rebuild_once_and_reload_open_pages() {
    let s = Server::start();
    let events = s.events();
    s.wait_reload(&events, 1);

    // Written in place.
    let page = s.path("content/static/preview.html");
    std::fs::write(&page, edit(&page, "第一版", "第二版")).unwrap();
    s.wait_reload(&events, 2);
    assert!(s.get("/static/preview.html").2.contains("第二版"));

    // Written to a temporary file, then renamed over the original.
    write_then_rename(&page, &edit(&page, "第二版", "第三版"));
    s.wait_reload(&events, 3);
    assert!(s.get("/static/preview.html").2.contains("第三版"));

    // Deleted, then created again.
    let text = edit(&page, "第三版", "第四版");
    std::fs::remove_file(&page).unwrap();
    std::fs::write(&page, text).unwrap();
    s.wait_reload(&events, 4);
    assert!(s.get("/static/preview.html").2.contains("第四版"));

    // A content file saved the safe way.
    let item = s.path(ITEM);
    write_then_rename(&item, &edit(&item, "个体工商户设立登记", "个体工商户登记"));
    s.wait_reload(&events, 5);
    wait_for("the rebuild line", || {
        s.log().contains(&format!("{ITEM} changed")).then_some(())
    });
    let item_page = s.get("/services/330199-XK-0001/").2;
    assert!(
        item_page.contains("个体工商户登记"),
        "the new name is served"
    );
    assert!(
        !item_page.contains("个体工商户设立登记"),
        "the old name is gone"
    );

    // One rebuild per save, and nothing for editors' scratch files.
    std::fs::write(s.path("content/services/.x.md.swp"), "junk").unwrap();
    std::fs::write(s.path("content/services/4913"), "").unwrap();
    std::fs::write(s.path("content/services/a.md~"), "junk").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(s.rebuilds(), 4, "{}", s.log());
    assert!(!events.lock().unwrap().contains("data: 6\n"));
}

#[test]
fn a_burst_of_changes_rebuilds_once() {
    let s = Server::start();
    let events = s.events();
    s.wait_reload(&events, 1);
    let dir = s.path("content/static/burst");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..300 {
        std::fs::write(dir.join(format!("f{i}.txt")), format!("{i}")).unwrap();
    }
    s.wait_reload(&events, 2);
    wait_for("the last file of the burst", || {
        (s.get("/static/burst/f299.txt").2 == "299").then_some(())
    });
    std::thread::sleep(Duration::from_millis(500));
    // One rebuild, not one a file; on a loaded machine the writes may straddle a few
    // settle windows.
    assert!(s.rebuilds() <= 5, "{}", s.log());
}

#[test]
fn errors_show_an_overlay_over_the_last_good_pages_until_fixed() {
    let s = Server::start();
    let events = s.events();
    s.wait_reload(&events, 1);
    let item = s.path(ITEM);
    let good = std::fs::read_to_string(&item).unwrap();
    std::fs::write(&item, good.replace("事项名称:", "事项名字:")).unwrap();

    wait_for("the errors event", || {
        let e = events.lock().unwrap();
        (e.contains("event: errors") && e.contains(ITEM)).then_some(())
    });
    let (status, _, body) = s.get("/static/preview.html");
    assert_eq!(status, 200, "the last good pages stay served");
    assert!(body.contains("第一版"));
    let (status, _, item_page) = s.get("/services/330199-XK-0001/");
    assert_eq!(status, 200, "the item's last good page stays served");
    assert!(item_page.contains("个体工商户设立登记"));
    assert!(
        item_page.contains("id=\"gongkai-overlay\""),
        "with the overlay on top"
    );
    let overlay = &body[body.find("id=\"gongkai-overlay\"").unwrap()..];
    assert!(overlay.contains(&format!("{ITEM}:3:1")), "{overlay}");
    assert!(
        overlay.contains("事项名字"),
        "key and source line: {overlay}"
    );
    assert!(overlay.contains("Hint: did you mean"), "help: {overlay}");
    assert!(s.log().contains("rebuild failed"));

    std::fs::write(&item, &good).unwrap();
    s.wait_reload(&events, 2);
    let body = s.get("/static/preview.html").2;
    assert!(
        body.contains("<div id=\"gongkai-overlay\"></div>"),
        "cleared"
    );
    // The server lived through it all.
    assert!(s.get("/static/preview.html").0 == 200);
}

#[test]
fn drafts_are_served_with_a_banner() {
    let s = Server::start();
    let (status, _, body) = s.get(&format!("/services/{DRAFT}/"));
    assert_eq!(status, 200);
    assert!(body.contains("id=\"gongkai-draft\""), "banner on the draft");
    assert!(body.contains("草稿"));
    let (status, _, other) = s.get("/services/330199-XK-0001/");
    assert_eq!(status, 200);
    assert!(
        !other.contains("id=\"gongkai-draft\""),
        "no banner elsewhere"
    );
}

#[test]
fn no_site_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--port", "0", "--root"])
        .arg(empty.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn interrupt_stops_cleanly_with_a_page_listening() {
    let mut s = Server::start();
    let events = s.events();
    s.wait_reload(&events, 1);
    let ok = Command::new("kill")
        .args(["-INT", &s.child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let status = wait_for("the server to stop", || s.child.try_wait().unwrap());
    assert_eq!(status.code(), Some(0), "{}", s.log());
}

/// Saves `from` → `to` in the preview page and waits until the server serves it.
fn save_and_see(s: &Server, from: &str, to: &str) {
    let page = s.path("content/static/preview.html");
    std::fs::write(&page, edit(&page, from, to)).unwrap();
    wait_for(&format!("{to} to be served"), || {
        s.get("/static/preview.html").2.contains(to).then_some(())
    });
}

/// Moves content/ away and back, then replaces it with a copy; every later save is seen.
fn replaced_content_folder_keeps_being_watched(extra: &[&str]) {
    let s = Server::start_with(extra);
    let events = s.events();
    s.wait_reload(&events, 1);
    save_and_see(&s, "第一版", "第二版");

    let content = s.path("content");
    let away = s.path("content-away");
    std::fs::rename(&content, &away).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    std::fs::rename(&away, &content).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    save_and_see(&s, "第二版", "第三版");
    save_and_see(&s, "第三版", "第四版");

    // Deleted and copied back from a backup that differs from what was served.
    let backup = tempfile::tempdir().unwrap();
    copy_dir(&content, backup.path());
    let page = backup.path().join("static/preview.html");
    std::fs::write(&page, edit(&page, "第四版", "第五版")).unwrap();
    std::fs::remove_dir_all(&content).unwrap();
    copy_dir(backup.path(), &content);
    wait_for("the copied content to be served", || {
        s.get("/static/preview.html")
            .2
            .contains("第五版")
            .then_some(())
    });
    save_and_see(&s, "第五版", "第六版");
    save_and_see(&s, "第六版", "第七版");
}

#[test]
fn replaced_content_folder_keeps_being_watched_natively() {
    replaced_content_folder_keeps_being_watched(&[]);
}

#[test]
fn replaced_content_folder_keeps_being_watched_when_polling() {
    replaced_content_folder_keeps_being_watched(&["--poll"]);
}

#[test]
fn polling_sees_edits_to_existing_files() {
    let s = Server::start_with(&["--poll"]);
    let events = s.events();
    s.wait_reload(&events, 1);
    let page = s.path("content/static/preview.html");
    // Written in place, the same length: only the modification time tells.
    save_and_see(&s, "第一版", "第二版");
    save_and_see(&s, "第二版", "第三版");
    // Appended to.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&page)
        .unwrap();
    f.write_all("<p>追加的一段</p>\n".as_bytes()).unwrap();
    drop(f);
    wait_for("the appended text to be served", || {
        s.get("/static/preview.html")
            .2
            .contains("追加的一段")
            .then_some(())
    });
    // Saved the safe way.
    write_then_rename(&page, &edit(&page, "第三版", "第四版"));
    wait_for("the renamed file to be served", || {
        s.get("/static/preview.html")
            .2
            .contains("第四版")
            .then_some(())
    });
    // A content item, in place.
    let item = s.path(ITEM);
    std::fs::write(&item, edit(&item, "个体工商户设立登记", "个体工商户登记")).unwrap();
    wait_for("the item's new name", || {
        s.get("/services/330199-XK-0001/")
            .2
            .contains("个体工商户登记")
            .then_some(())
    });
}

#[test]
fn idle_connections_are_closed_but_open_pages_keep_their_event_stream() {
    let s = Server::start();
    let events = s.events();
    s.wait_reload(&events, 1);
    let mut idle = TcpStream::connect(&s.addr).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 16];
    // Closed by the server (end of stream or reset), not by our read timeout.
    let closed = match idle.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    };
    assert!(closed, "the idle connection was closed");
    assert!(started.elapsed() < Duration::from_secs(25));
    // The page's event stream outlived the idle timeout.
    save_and_see(&s, "第一版", "第二版");
    s.wait_reload(&events, 2);
}

#[test]
fn too_many_connections_are_answered_busy_not_left_waiting() {
    let s = Server::start();
    assert_eq!(s.get("/static/preview.html").0, 200);
    let hogs: Vec<TcpStream> = (0..140)
        .map(|_| TcpStream::connect(&s.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let (status, head, body) = s.get("/static/preview.html");
    assert_eq!(status, 503, "{head}{body}");
    assert!(body.contains("稍后"), "{body}");
    drop(hogs);
    wait_for("the server to serve again", || {
        (s.get("/static/preview.html").0 == 200).then_some(())
    });
}
