//! The preview's web server: the built site from memory, and the live-reload event stream.

use super::inject::{Additions, EVENTS_PATH, decorate};
use super::overlay::esc;
use super::rebuild::Output;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::watch;

/// What the server shows: the last good output, and the errors of the newest rebuild.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The last good output (empty until the site has built once).
    pub output: Arc<Output>,
    /// Counts good outputs; pages reload when it changes.
    pub generation: u64,
    /// The error overlay's HTML; empty when the newest rebuild succeeded.
    pub overlay: Arc<str>,
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    /// The newest snapshot; subscribers hear of each new one.
    pub snapshot: watch::Receiver<Arc<Snapshot>>,
    /// Becomes true when the server is shutting down (ends the event streams).
    pub shutdown: watch::Receiver<bool>,
}

/// The router: the event stream, and every other GET from the snapshot.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(page)
        .with_state(state)
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The output file at this path.
    File(String),
    /// A folder asked without its trailing slash (or the site's base without it).
    Redirect(String),
    /// Nothing (also every path that tries to leave the site).
    NotFound,
}

/// Resolves the raw (still percent-encoded) request `path` against the files of `output`.
///
/// Refuses, as not found: backslashes, encoded `/` or `\`, NUL, `.` and `..` segments
/// (also when percent-encoded), empty segments (`//x`), drive letters (`C:`) and anything
/// outside the site's base path.
pub fn resolve(path: &str, output: &Output) -> Resolved {
    let lower = path.to_ascii_lowercase();
    if path.contains('\\')
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
    {
        return Resolved::NotFound;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::NotFound;
    };
    let base = if output.base_path.is_empty() {
        "/"
    } else {
        output.base_path.as_str()
    };
    if base.len() > 1 && format!("{decoded}/") == base {
        return Resolved::Redirect(base.to_string());
    }
    let Some(rest) = decoded.strip_prefix(base) else {
        return Resolved::NotFound;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        if *seg == "." || *seg == ".." || seg.contains(':') || seg.contains('\0') {
            return Resolved::NotFound;
        }
        if seg.is_empty() && i != last {
            return Resolved::NotFound;
        }
    }
    let key = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    if output.files.contains_key(&key) {
        Resolved::File(key)
    } else if !rest.is_empty()
        && !rest.ends_with('/')
        && output.files.contains_key(&format!("{rest}/index.html"))
    {
        Resolved::Redirect(format!("{path}/"))
    } else {
        Resolved::NotFound
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for an output path, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "wps" => "application/vnd.ms-works",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

async fn page(State(state): State<AppState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD").into_response();
    }
    let snap = state.snapshot.borrow().clone();
    match resolve(uri.path(), &snap.output) {
        Resolved::File(key) => {
            let bytes = snap.output.files[&key].clone();
            file_response(StatusCode::OK, &key, bytes, &snap)
        }
        Resolved::Redirect(to) => {
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Resolved::NotFound if summary_path(&uri, &snap).is_some() => {
            let rel = summary_path(&uri, &snap).unwrap_or_default();
            let output = snap.output.clone();
            let found = tokio::task::spawn_blocking(move || output.summary(&rel))
                .await
                .ok()
                .flatten();
            match found {
                Some(bytes) => file_response(StatusCode::OK, uri.path(), bytes, &snap),
                None => not_found(&uri, &snap),
            }
        }
        Resolved::NotFound if uri.path().ends_with(".docx") => {
            let rel = uri
                .path()
                .strip_prefix(snap.output.base_path.as_str())
                .unwrap_or("")
                .to_string();
            let output = snap.output.clone();
            let doc = tokio::task::spawn_blocking(move || output.document(&rel))
                .await
                .ok()
                .flatten();
            match doc {
                Some(bytes) => file_response(StatusCode::OK, uri.path(), Bytes::from(bytes), &snap),
                None => not_found(&uri, &snap),
            }
        }
        Resolved::NotFound => not_found(&uri, &snap),
    }
}

/// The site-relative path of a request for the search index, open data, the feed or the
/// sitemap (rendered when first asked for).
fn summary_path(uri: &Uri, snap: &Snapshot) -> Option<String> {
    let rel = uri.path().strip_prefix(snap.output.base_path.as_str())?;
    let safe = !rel
        .split('/')
        .any(|seg| seg.is_empty() || seg == "." || seg == "..")
        && !rel.contains(['\\', '%']);
    let wanted = rel.starts_with("search/")
        || rel.starts_with("data/")
        || rel == "notices/atom.xml"
        || rel == "sitemap.xml";
    (safe && wanted).then(|| rel.to_string())
}

fn not_found(uri: &Uri, snap: &Snapshot) -> Response {
    let bytes = snap
        .output
        .files
        .get("404.html")
        .cloned()
        .unwrap_or_else(|| Bytes::from(fallback_404(uri.path())));
    file_response(StatusCode::NOT_FOUND, "404.html", bytes, snap)
}

fn fallback_404(path: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>找不到页面</title></head><body><main><h1>找不到页面</h1><p>预览中没有 <code>{}</code>。</p></main></body></html>",
        esc(path)
    )
}

fn file_response(status: StatusCode, key: &str, bytes: Bytes, snap: &Snapshot) -> Response {
    let ctype = content_type(key);
    let body = if ctype.starts_with("text/html") {
        Bytes::from(decorate(
            &bytes,
            Additions {
                draft: snap.output.is_draft(key),
                overlay: &snap.overlay,
                generation: snap.generation,
            },
        ))
    } else {
        bytes
    };
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// What an event stream has told its page so far.
struct Told {
    generation: Option<u64>,
    overlay: Option<Arc<str>>,
}

/// How often an event stream with nothing to tell sends a comment, so that its
/// connection is not taken for idle (see [`super::conn::IDLE`]).
pub const EVENT_KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(4);

async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let told = Told {
        generation: None,
        overlay: None,
    };
    let mut snapshots = state.snapshot.clone();
    snapshots.mark_changed();
    let s = stream::unfold(
        (snapshots, state.shutdown.clone(), told, Vec::<Event>::new()),
        |(mut snapshots, mut shutdown, mut told, mut pending)| async move {
            loop {
                if let Some(e) = pending.pop() {
                    return Some((Ok(e), (snapshots, shutdown, told, pending)));
                }
                if *shutdown.borrow() {
                    return None;
                }
                tokio::select! {
                    r = snapshots.changed() => r.ok()?,
                    _ = shutdown.changed() => return None,
                }
                let snap = snapshots.borrow_and_update().clone();
                // Events are popped from the end: push the later one first.
                if told.generation != Some(snap.generation) {
                    told.generation = Some(snap.generation);
                    pending.push(
                        Event::default()
                            .event("reload")
                            .data(snap.generation.to_string()),
                    );
                }
                if told.overlay.as_deref() != Some(&*snap.overlay) {
                    let first = told.overlay.is_none();
                    told.overlay = Some(snap.overlay.clone());
                    if !(first && snap.overlay.is_empty()) {
                        let data = serde_json::json!({ "html": &*snap.overlay }).to_string();
                        pending.insert(0, Event::default().event("errors").data(data));
                    }
                }
            }
        },
    );
    Sse::new(s).keep_alive(KeepAlive::new().interval(EVENT_KEEP_ALIVE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(base: &str) -> Output {
        Output {
            files: [
                "index.html",
                "services/A-1/index.html",
                "static/forms/a b.docx",
                "404.html",
            ]
            .into_iter()
            .map(|p| (p.to_string(), Bytes::from_static(b"x")))
            .collect(),
            draft_dirs: Default::default(),
            base_path: base.to_string(),
            listing_key: 0,
            site: None,
            summaries: Default::default(),
        }
    }

    #[test]
    fn folders_and_files() {
        let o = out("/");
        assert_eq!(resolve("/", &o), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/services/A-1/", &o),
            Resolved::File("services/A-1/index.html".into())
        );
        assert_eq!(
            resolve("/services/A-1", &o),
            Resolved::Redirect("/services/A-1/".into())
        );
        assert_eq!(
            resolve("/static/forms/a%20b.docx", &o),
            Resolved::File("static/forms/a b.docx".into())
        );
        assert_eq!(resolve("/nothing/", &o), Resolved::NotFound);
    }

    #[test]
    fn traversal_is_not_found() {
        let o = out("/");
        for p in [
            "/../etc/passwd",
            "/services/../index.html",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/services/%2e%2e/index.html",
            "/static%2f..%2findex.html",
            "/static%2Fforms",
            "/..\\index.html",
            "/static\\forms\\a b.docx",
            "/%5c..%5cindex.html",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/./index.html",
            "/index.html%00",
            "/%ff",
            "/%zz",
        ] {
            assert_eq!(resolve(p, &o), Resolved::NotFound, "{p}");
        }
    }

    #[test]
    fn base_path_is_honoured() {
        let o = out("/gk/");
        assert_eq!(resolve("/gk/", &o), Resolved::File("index.html".into()));
        assert_eq!(resolve("/gk", &o), Resolved::Redirect("/gk/".into()));
        assert_eq!(resolve("/", &o), Resolved::NotFound);
        assert_eq!(resolve("/services/A-1/", &o), Resolved::NotFound);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert!(content_type("x.DOCX").contains("wordprocessingml"));
        assert_eq!(content_type("data/services.json"), "application/json");
        assert_eq!(content_type("data/services.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
