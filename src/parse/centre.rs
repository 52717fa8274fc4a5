//! Service centres: `content/centers/*.md|*.yaml`.

use super::yaml::{Cx, Fields, Key, index, key};
use super::{Env, SLUG, body_or_none, draft, slug};
use crate::diag::tr;
use crate::model::Centre;
use crate::tr;
use marked_yaml::types::MarkedMappingNode;

const NAME: Key = key("name", "名称");
const LEVEL: Key = key("level", "层级");
const ADDRESS: Key = key("address", "地址");
const HOURS: Key = key("hours", "办公时间");
const PHONE: Key = key("phone", "电话");
const SERVICES: Key = key("services", "事项");
const MODES: Key = key("modes", "服务方式");
const DRAFT: Key = key("draft", "草稿");

/// Keys of a centre.
pub const KEYS: &[Key] = &[
    NAME, LEVEL, ADDRESS, HOURS, PHONE, SERVICES, MODES, SLUG, DRAFT,
];

/// Reads one centre and checks that the items it lists exist.
pub fn parse(cx: &mut Cx, env: &Env, map: &MarkedMappingNode, body: &str, stem: &str) -> Centre {
    let f = Fields::new(cx, map, "", KEYS);
    let name = f.required_text(
        cx,
        NAME,
        tr(
            "服务中心的名称，如 东城街道便民服务中心",
            "the centre's name, e.g. 东城街道便民服务中心",
        ),
    );
    let level = f.required_text(
        cx,
        LEVEL,
        &tr!(
            "可选：{}",
            "allowed: {}",
            env.config.levels.join(tr("、", " "))
        ),
    );
    if let (Some(l), Some((n, p))) = (&level, f.get(LEVEL))
        && !env.config.levels.contains(l)
    {
        cx.error(
            n.span(),
            &p,
            {
                let allowed: Vec<&str> = env.config.levels.iter().map(String::as_str).collect();
                super::yaml::not_allowed(l, &allowed)
            },
            Some(tr!(
                "可选（见 site.yaml 的 办理层级）：{}",
                "allowed (办理层级 in site.yaml): {}",
                env.config.levels.join(tr("、", " "))
            )),
        );
    }
    let address = f.required_text(cx, ADDRESS, tr("详细地址", "the street address"));
    let hours = f.required_text(
        cx,
        HOURS,
        tr(
            "办公时间，如 周一至周五 8:30-17:00",
            "opening hours, e.g. 周一至周五 8:30-17:00",
        ),
    );
    let phone = f.text(cx, PHONE);
    let mut services = Vec::new();
    if let Some((n, p)) = f.get(SERVICES) {
        let codes = super::yaml::text_list_items(cx, n, &p, true);
        for (i, (code, span)) in codes.into_iter().enumerate() {
            let code = super::yaml::half_width(&code);
            if env.codes.contains(&code) {
                if !services.contains(&code) {
                    services.push(code);
                }
            } else if !env.maybe_unreadable(&code) {
                cx.error(
                    &span,
                    &index(&p, i),
                    tr!(
                        "没有事项编码为 {code} 的事项",
                        "no service item has the code {code}"
                    ),
                    Some(
                        tr(
                            "这里列出 content/services 中事项的 事项编码",
                            "list the 事项编码 of items under content/services",
                        )
                        .into(),
                    ),
                );
            }
        }
    }
    let modes = f.split_list(cx, MODES);
    Centre {
        source: cx.file.to_string(),
        slug: slug(cx, &f, stem),
        name: name.unwrap_or_default(),
        level: level.unwrap_or_default(),
        address: address.unwrap_or_default(),
        hours: hours.unwrap_or_default(),
        phone,
        services,
        modes,
        draft: draft(cx, &f, DRAFT),
        body: body_or_none(body),
    }
}
