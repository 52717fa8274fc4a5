//! site.yaml.

use super::values::{DateForm, url};
use super::yaml::{Cx, Fields, Key, key, mapping, text_list};
use crate::diag::Diagnostic;
use crate::diag::tr;
use crate::load::SITE_YAML;
use crate::model::{DocxLayout, SiteConfig};
use crate::tr;

const TITLE: Key = key("title", "网站名称");
const ORGANIZATION: Key = key("organization", "主办单位");
const BASE_URL: Key = key("base_url", "网站地址");
const LANGUAGE: Key = key("language", "语言");
const LEVELS: Key = key("levels", "办理层级");
const ATTRIBUTES: Key = key("attributes", "办事属性");
const COMPLAINT_PHONE: Key = key("complaint_phone", "监督投诉电话");
const SITE_CODE: Key = key("site_code", "网站标识码");
const ICP: Key = key("icp", "备案号");
const POLICE_RECORD: Key = key("police_record", "公安备案号");
const CONTACT: Key = key("contact", "联系方式");
const AS_OF: Key = key("as_of", "统计日期");
const THEME: Key = key("theme", "主题");
const DOCX: Key = key("docx", "公文格式");
const UNSAFE_HTML: Key = key("unsafe_html", "不过滤HTML");
const TOPICS: Key = key("topics", "主题分类");
const SYNONYMS: Key = key("synonyms", "同义词");
const SCOPES: Key = key("scopes", "通办范围");
const PUBLISH_INCOMPLETE: Key = key("publish_incomplete", "发布未完善事项");
const BULLETIN_TITLE: Key = key("bulletin_title", "通报标题");

/// Keys of site.yaml.
pub const KEYS: &[Key] = &[
    TITLE,
    ORGANIZATION,
    BASE_URL,
    LANGUAGE,
    LEVELS,
    ATTRIBUTES,
    COMPLAINT_PHONE,
    SITE_CODE,
    ICP,
    POLICE_RECORD,
    CONTACT,
    AS_OF,
    THEME,
    DOCX,
    UNSAFE_HTML,
    TOPICS,
    SYNONYMS,
    SCOPES,
    PUBLISH_INCOMPLETE,
    BULLETIN_TITLE,
];

const BODY_FONT: Key = key("body_font", "正文字体");
const TITLE_FONT: Key = key("title_font", "标题字体");
const HEADING1_FONT: Key = key("heading1_font", "一级标题字体");
const HEADING2_FONT: Key = key("heading2_font", "二级标题字体");
const LATIN_FONT: Key = key("latin_font", "西文字体");
const PAGE_NUMBER_FONT: Key = key("page_number_font", "页码字体");
const MARGIN_TOP: Key = key("margin_top", "上边距");
const MARGIN_BOTTOM: Key = key("margin_bottom", "下边距");
const MARGIN_LEFT: Key = key("margin_left", "左边距");
const MARGIN_RIGHT: Key = key("margin_right", "右边距");

/// Keys of the `docx` map.
pub const DOCX_KEYS: &[Key] = &[
    BODY_FONT,
    TITLE_FONT,
    HEADING1_FONT,
    HEADING2_FONT,
    LATIN_FONT,
    PAGE_NUMBER_FONT,
    MARGIN_TOP,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
];

/// Configuration used to keep checking content when site.yaml itself is broken.
pub fn fallback() -> SiteConfig {
    SiteConfig::with_defaults(
        "",
        "",
        "https://example.invalid/",
        chrono::Local::now().date_naive(),
    )
}

/// Parses site.yaml; None when it has errors (reported into `diags`).
pub fn parse(text_src: &str, diags: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let before = diags.iter().filter(|d| d.is_error()).count();
    let mut cx = Cx {
        file: SITE_YAML,
        line_offset: 0,
        diags,
    };
    let map = super::yaml::parse_mapping(&mut cx, text_src)?;
    let f = Fields::new(&mut cx, &map, "", KEYS);
    let title = f.required_text(
        &mut cx,
        TITLE,
        tr(
            "网站的名称，如 清河区政务公开",
            "the site's title, e.g. 清河区政务公开",
        ),
    );
    let organization = f.required_text(
        &mut cx,
        ORGANIZATION,
        tr(
            "主办网站的单位，如 清河区人民政府办公室",
            "the publishing body, e.g. 清河区人民政府办公室",
        ),
    );
    let base_url = f.required(
        &mut cx,
        BASE_URL,
        tr(
            "网站发布后的网址，如 https://gk.qinghe.gov.cn/",
            "the address the site is published at, e.g. https://gk.qinghe.gov.cn/",
        ),
        url,
    );
    let mut config = fallback();
    let non_empty_list = |cx: &mut Cx, k: Key, default: Vec<String>| match f.get(k) {
        Some((n, p)) => {
            let v: Vec<String> = super::yaml::text_list_items(cx, n, &p, true)
                .into_iter()
                .map(|(t, _)| t)
                .collect();
            if v.is_empty() {
                cx.error(n.span(), &p, tr("清单是空的", "list is empty"), None);
            }
            v
        }
        None => default,
    };
    config.levels = non_empty_list(&mut cx, LEVELS, SiteConfig::default_levels());
    config.attributes = non_empty_list(&mut cx, ATTRIBUTES, SiteConfig::default_attributes());
    config.topics = non_empty_list(&mut cx, TOPICS, SiteConfig::default_topics());
    config.scopes = non_empty_list(&mut cx, SCOPES, SiteConfig::default_scopes());
    if let Some((n, p)) = f.get(SYNONYMS)
        && let Some(m) = mapping(&mut cx, n, &p)
    {
        for (k, v) in m.iter() {
            let word = k.as_str().trim().to_string();
            let formal = text_list(&mut cx, v, &super::yaml::join(&p, &word));
            if word.is_empty() || formal.is_empty() {
                cx.error(
                    k.span(),
                    &p,
                    crate::tr!(
                        "同义词 `{word}` 没有对应的正式用语",
                        "synonym `{word}` names no formal word"
                    ),
                    Some(crate::tr!(
                        "写成 日常用语: [正式用语, …]，例如 开店: [个体工商户设立登记]",
                        "write everyday word: [formal words, …], e.g. 开店: [个体工商户设立登记]"
                    )),
                );
                continue;
            }
            config.synonyms.insert(word, formal);
        }
    }
    config.publish_incomplete = f.boolean(&mut cx, PUBLISH_INCOMPLETE).unwrap_or(false);
    if let Some(v) = f.text(&mut cx, BULLETIN_TITLE)
        && let Some((n, p)) = f.get(BULLETIN_TITLE)
    {
        match bulletin_title_problem(&v) {
            Some(why) => cx.error(
                n.span(),
                &p,
                why,
                Some(crate::tr!(
                    "例如 通报标题: \"{}\"（{{方案}} 换成方案标题，{{期数}} 换成第几期）",
                    "e.g. 通报标题: \"{}\" ({{方案}} becomes the plan's title, {{期数}} the bulletin's number)",
                    crate::figures::DEFAULT_BULLETIN_TITLE
                )),
            ),
            None => config.bulletin_title = v,
        }
    }
    if let Some(v) = f.text(&mut cx, LANGUAGE) {
        config.language = v;
    }
    if let Some(v) = f.text(&mut cx, COMPLAINT_PHONE) {
        match super::text_limits::phone_problem(&v) {
            Some(why) => {
                if let Some((n, p)) = f.get(COMPLAINT_PHONE) {
                    cx.error(n.span(), &p, why, Some(super::text_limits::phone_help()));
                }
            }
            None => config.complaint_phone = v,
        }
    }
    config.site_code = f.text(&mut cx, SITE_CODE);
    config.icp = f.text(&mut cx, ICP);
    config.police_record = f.text(&mut cx, POLICE_RECORD);
    config.contact = f.text(&mut cx, CONTACT);
    if let Some(d) = f.date(&mut cx, AS_OF, DateForm::Day) {
        config.as_of = d;
    }
    if let Some(theme) = f.text(&mut cx, THEME) {
        if super::is_slug(&theme)
            || theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            config.theme = theme;
        } else if let Some((n, p)) = f.get(THEME) {
            cx.error(
                n.span(),
                &p,
                tr!(
                    "“{theme}”不是主题文件夹的名字",
                    "`{theme}` is not a theme folder name"
                ),
                Some(
                    tr(
                        "写 themes/ 下某个文件夹的名字，只用英文字母、数字、- 和 _",
                        "a folder under themes/, in ASCII letters, digits, - and _",
                    )
                    .into(),
                ),
            );
        }
    }
    if let Some((n, p)) = f.get(DOCX)
        && let Some(m) = mapping(&mut cx, n, &p)
    {
        docx_layout(&mut cx, m, &p, &mut config.docx);
    }
    config.unsafe_html = f.boolean(&mut cx, UNSAFE_HTML).unwrap_or(false);
    let after = cx.diags.iter().filter(|d| d.is_error()).count();
    config.title = title?;
    config.organization = organization?;
    let base_url = base_url?;
    config.base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };
    config.base_path = SiteConfig::base_path_of(&config.base_url);
    (after == before).then_some(config)
}

fn docx_layout(
    cx: &mut Cx,
    m: &marked_yaml::types::MarkedMappingNode,
    path: &str,
    layout: &mut DocxLayout,
) {
    let f = Fields::new(cx, m, path, DOCX_KEYS);
    let fonts: [(Key, &mut String); 6] = [
        (BODY_FONT, &mut layout.body_font),
        (TITLE_FONT, &mut layout.title_font),
        (HEADING1_FONT, &mut layout.heading1_font),
        (HEADING2_FONT, &mut layout.heading2_font),
        (LATIN_FONT, &mut layout.latin_font),
        (PAGE_NUMBER_FONT, &mut layout.page_number_font),
    ];
    for (key, slot) in fonts {
        if let Some(v) = f.text(cx, key) {
            *slot = v;
        }
    }
    let margins: [(Key, &mut f64); 4] = [
        (MARGIN_TOP, &mut layout.margin_top_mm),
        (MARGIN_BOTTOM, &mut layout.margin_bottom_mm),
        (MARGIN_LEFT, &mut layout.margin_left_mm),
        (MARGIN_RIGHT, &mut layout.margin_right_mm),
    ];
    for (key, slot) in margins {
        if let Some(v) = f.integer(cx, key, 5, 80) {
            *slot = v as f64;
        }
    }
}

/// Why a 通报标题 cannot be used: it lacks `{期数}` (every bulletin would have the same
/// title) or holds a placeholder other than `{方案}` and `{期数}`.
fn bulletin_title_problem(pattern: &str) -> Option<String> {
    let mut rest = pattern.to_string();
    for p in crate::figures::BULLETIN_TITLE_PLACEHOLDERS {
        rest = rest.replace(p, "");
    }
    if let Some(start) = rest.find(['{', '｛']) {
        let unknown: String = rest[start..]
            .chars()
            .take_while(|c| *c != '}' && *c != '｝')
            .chain(std::iter::once('}'))
            .collect();
        return Some(crate::tr!(
            "通报标题里的“{unknown}”不能用：只能写 {{方案}} 和 {{期数}}（半角花括号）",
            "“{unknown}” cannot be used in 通报标题: only {{方案}} and {{期数}} (ASCII braces)"
        ));
    }
    if !pattern.contains("{期数}") {
        return Some(
            crate::diag::tr(
                "通报标题要含 {期数}，否则每期通报的标题都一样",
                "通报标题 must hold {期数}, or every bulletin gets the same title",
            )
            .to_string(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_sub_path_sites() {
        assert_eq!(SiteConfig::base_path_of("https://a.gov.cn/"), "/");
        assert_eq!(SiteConfig::base_path_of("https://a.gov.cn/gk/"), "/gk/");
        assert_eq!(
            SiteConfig::base_path_of("http://10.0.0.1:8080/zw/gk/"),
            "/zw/gk/"
        );
    }

    #[test]
    fn chinese_and_english_keys_with_defaults() {
        let mut diags = Vec::new();
        let c = parse(
            "网站名称: 清河\norganization: 办公室\n网站地址: https://gk.example.cn/gk\n统计日期: 2026-09-30\n",
            &mut diags,
        )
        .unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(c.base_url, "https://gk.example.cn/gk/");
        assert_eq!(c.base_path, "/gk/");
        assert_eq!(c.complaint_phone, "12345");
        assert_eq!(c.levels.len(), 3);
        assert_eq!(c.as_of.to_string(), "2026-09-30");
    }

    #[test]
    fn missing_required_keys_are_all_reported() {
        let mut diags = Vec::new();
        assert!(parse("语言: zh-CN\n", &mut diags).is_none());
        assert_eq!(diags.len(), 3, "{diags:?}");
    }

    #[test]
    fn topics_scopes_synonyms_and_publish_incomplete() {
        let mut diags = Vec::new();
        let c = parse(
            "title: t\norganization: o\nbase_url: https://x.cn/\n主题分类: [开办企业, 退休]\n通办范围: [全省, 无]\n同义词:\n  开店: [个体工商户设立登记, 营业执照]\n发布未完善事项: true\n",
            &mut diags,
        )
        .unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(c.topics, ["开办企业", "退休"]);
        assert_eq!(c.scopes, ["全省", "无"]);
        assert_eq!(c.synonyms["开店"], ["个体工商户设立登记", "营业执照"]);
        assert!(c.publish_incomplete);
        let d = parse(
            "title: t\norganization: o\nbase_url: https://x.cn/\n",
            &mut diags,
        )
        .unwrap();
        assert!(d.topics.iter().any(|t| t == "开办企业"));
        assert!(!d.publish_incomplete);
        assert_eq!(d.scopes.len(), 6);
    }

    #[test]
    fn docx_overrides() {
        let mut diags = Vec::new();
        let c = parse(
            "title: t\norganization: o\nbase_url: https://x.cn/\ndocx:\n  正文字体: FangSong\n  上边距: 30\n",
            &mut diags,
        )
        .unwrap();
        assert_eq!(c.docx.body_font, "FangSong");
        assert_eq!(c.docx.margin_top_mm, 30.0);
    }
}
