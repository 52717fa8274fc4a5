//! What the preview adds to served HTML pages: the 草稿 banner on drafts, the error overlay
//! and the live-reload script.

/// Address of the Server-Sent Events stream the live-reload script listens to.
pub const EVENTS_PATH: &str = "/__gongkai/events";

/// Id of the element that holds the error overlay.
pub const OVERLAY_ID: &str = "gongkai-overlay";

/// The banner shown on top of a draft's pages.
const DRAFT_BANNER: &str = "<div id=\"gongkai-draft\" role=\"note\" style=\"position:sticky;top:0;z-index:2147483646;\
margin:0;padding:.6em 1em;background:#fff3cd;color:#5c3c00;border-bottom:3px solid #b45f06;\
font:bold 1.1rem/1.5 sans-serif;text-align:center\">草稿：本页只在预览中显示，发布的网站（gongkai build）不含此页</div>";

/// The live-reload script. `__GEN__` is replaced by the generation of the page served.
///
/// It listens to [`EVENTS_PATH`]: `reload` carries the generation of the newest output and
/// reloads the page when it differs from the one shown (keeping the scroll position in
/// sessionStorage); `errors` carries the overlay's HTML and shows it without a reload.
const SCRIPT: &str = r#"<script>(function(){var gen=__GEN__,key='gongkai-scroll:'+location.pathname;
try{var y=sessionStorage.getItem(key);if(y!==null){sessionStorage.removeItem(key);var go=function(){window.scrollTo(0,+y)};if(document.readyState==='complete'){go()}else{window.addEventListener('load',go)}}}catch(e){}
if(!window.EventSource){return}
var es=new EventSource('__EVENTS__');
es.addEventListener('reload',function(e){if(+e.data!==gen){try{sessionStorage.setItem(key,String(window.scrollY))}catch(x){}es.close();location.reload()}});
es.addEventListener('errors',function(e){var o=document.getElementById('__OVERLAY__');if(o){o.innerHTML=JSON.parse(e.data).html}});
window.addEventListener('pagehide',function(){es.close()});
})();</script>"#;

/// What to add to one page.
#[derive(Debug, Clone, Copy)]
pub struct Additions<'a> {
    /// The page belongs to a draft item.
    pub draft: bool,
    /// The error overlay's HTML (empty when the site has no errors).
    pub overlay: &'a str,
    /// Generation of the output the page comes from.
    pub generation: u64,
}

/// `html` with the banner after `<body…>` (drafts only), and the overlay and the live-reload
/// script before `</body>` (or at the end when there is none).
pub fn decorate(html: &[u8], add: Additions<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + SCRIPT.len() + add.overlay.len() + 600);
    let body_start = if add.draft {
        find_ci(html, b"<body")
            .and_then(|i| html[i..].iter().position(|&b| b == b'>').map(|j| i + j + 1))
    } else {
        None
    };
    let body_end = rfind_ci(html, b"</body").unwrap_or(html.len());
    let mut rest = html;
    let mut consumed = 0;
    if let Some(i) = body_start.filter(|&i| i <= body_end) {
        out.extend_from_slice(&html[..i]);
        out.extend_from_slice(DRAFT_BANNER.as_bytes());
        rest = &html[i..];
        consumed = i;
    } else if add.draft {
        out.extend_from_slice(DRAFT_BANNER.as_bytes());
    }
    let split = body_end - consumed;
    out.extend_from_slice(&rest[..split]);
    out.extend_from_slice(format!("<div id=\"{OVERLAY_ID}\">{}</div>", add.overlay).as_bytes());
    out.extend_from_slice(
        SCRIPT
            .replace("__GEN__", &add.generation.to_string())
            .replace("__EVENTS__", EVENTS_PATH)
            .replace("__OVERLAY__", OVERLAY_ID)
            .as_bytes(),
    );
    out.extend_from_slice(&rest[split..]);
    out
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: Vec<u8>) -> String {
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn script_and_overlay_go_before_body_end() {
        let html = b"<html><body class=x><p>hi</p></BODY></html>";
        let out = s(decorate(
            html,
            Additions {
                draft: false,
                overlay: "<b>err</b>",
                generation: 7,
            },
        ));
        assert!(out.starts_with(
            "<html><body class=x><p>hi</p><div id=\"gongkai-overlay\"><b>err</b></div><script>"
        ));
        assert!(out.ends_with("</script></BODY></html>"));
        assert!(out.contains("var gen=7,"));
        assert!(!out.contains("gongkai-draft"));
    }

    #[test]
    fn drafts_get_the_banner_first_in_body() {
        let html = b"<html><head><title>t</title></head><body>\n<h1>x</h1></body></html>";
        let out = s(decorate(
            html,
            Additions {
                draft: true,
                overlay: "",
                generation: 1,
            },
        ));
        let banner = out.find("id=\"gongkai-draft\"").unwrap();
        assert!(out.find("<body>").unwrap() < banner);
        assert!(banner < out.find("<h1>").unwrap());
        assert!(out.contains("草稿"));
    }

    #[test]
    fn fragments_without_body_still_get_everything() {
        let out = s(decorate(
            b"<p>bare</p>",
            Additions {
                draft: true,
                overlay: "",
                generation: 2,
            },
        ));
        assert!(out.starts_with("<div id=\"gongkai-draft\""));
        assert!(out.contains("<p>bare</p><div id=\"gongkai-overlay\">"));
        assert!(out.ends_with("</script>"));
    }
}
