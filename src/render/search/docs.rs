//! What the search finds: services, notices, plans and centres flattened into documents.

use crate::model::{NoticeKind, Service, ServiceType, Site};

/// A kind of result: its label, the URL section it lives under and what its "other" field is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocType {
    /// Shown with each result: the 事项类型, the notice's 类别, 方案 or 中心.
    pub label: String,
    /// URL section: `services`, `notices`, `plans` or `centers`.
    pub section: &'static str,
    /// What the "other" searched text is: 申报材料, 任务 or 地址.
    pub other: &'static str,
    /// What the result text is (办理结果或常见问题 for services, else empty).
    pub result: &'static str,
    /// What the low-weighted text is (办事指南 for services, else empty).
    pub low: &'static str,
}

/// Every document type, in the order their indexes appear in the manifest.
pub fn doc_types() -> Vec<DocType> {
    let t = |label: &str, section, other| DocType {
        label: label.to_string(),
        section,
        other,
        result: "",
        low: "",
    };
    let mut types: Vec<DocType> = ServiceType::ALL
        .iter()
        .map(|k| DocType {
            result: "办理结果或常见问题",
            low: "办事指南",
            ..t(k.label(), "services", "申报材料")
        })
        .collect();
    types.extend(
        NoticeKind::ALL
            .iter()
            .map(|k| t(k.label(), "notices", "正文")),
    );
    types.push(t("方案", "plans", "任务"));
    types.push(t("中心", "centers", "地址"));
    types
}

/// One searchable document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// Index into [`doc_types`].
    pub kind: usize,
    /// Title: the service's name, the notice's or plan's title, the centre's name.
    pub title: String,
    /// URL slug (the code for services).
    pub slug: String,
    /// Code-like text: the service code or a 文号.
    pub code: Option<String>,
    /// Organisations: the department or issuer first, then a plan's lead units.
    pub orgs: Vec<String>,
    /// Other names of an item (俗称), ranked just after the title.
    pub aliases: Vec<String>,
    /// Other searched text: material names, task titles, the address.
    pub other: Vec<String>,
    /// What a person gets or asks, and what it is about: the 办理结果, the FAQ questions and
    /// the 主题分类, ranked after the title.
    pub result: Vec<String>,
    /// Long text ranked last: FAQ answers and the steps of the process that say what a
    /// person gets.
    pub low: Vec<String>,
}

/// Whether items of this type are carried out on people (处罚, 强制, 检查, 征收) rather than
/// applied for by them; such items come after the others in the index, so on a tie an item
/// people apply for is shown first.
pub fn is_enforcement(kind: ServiceType) -> bool {
    matches!(
        kind,
        ServiceType::Penalty
            | ServiceType::Enforcement
            | ServiceType::Inspection
            | ServiceType::Levy
    )
}

/// Whether the document type at `kind` (an index into [`doc_types`]) is a service type
/// carried out on people (see [`is_enforcement`]).
pub fn kind_is_enforcement(kind: usize) -> bool {
    ServiceType::ALL
        .get(kind)
        .is_some_and(|k| is_enforcement(*k))
}

/// Words in a step of the process that say a person gets something.
const GETS: &[&str] = &[
    "领取", "发放", "核发", "颁发", "发证", "出具", "送达", "取得", "获得", "办结", "寄递",
];

/// The sentences of the steps of `s` that say what a person gets.
fn getting_sentences(s: &Service) -> Vec<String> {
    let mut out = Vec::new();
    for step in &s.process {
        let text = format!(
            "{}。{}",
            step.step,
            step.description.as_deref().unwrap_or("")
        );
        for sentence in text.split(['。', '；', ';', '\n']) {
            let sentence = sentence.trim();
            if !sentence.is_empty() && GETS.iter().any(|w| sentence.contains(w)) {
                out.push(sentence.to_string());
            }
        }
    }
    out
}

/// The documents of `site` in id order: services people apply for (by code), services
/// carried out on people (see [`is_enforcement`], by code), notices, plans, centres.
/// Suspended (暂停) and cancelled (取消) items keep their pages but are not searched: a
/// reader looking for what to do finds only items in use.
pub fn documents(site: &Site) -> Vec<Doc> {
    let types = doc_types();
    let kind_of = |label: &str| types.iter().position(|t| t.label == label).unwrap_or(0);
    let mut docs = Vec::new();
    let mut services: Vec<&Service> = site.services.iter().filter(|s| s.in_use()).collect();
    services.sort_by_key(|s| is_enforcement(s.kind));
    for s in services {
        let mut result: Vec<String> = s.result.iter().map(|r| r.name.clone()).collect();
        result.extend(s.faq.iter().map(|f| f.question.clone()));
        result.extend(s.topics.iter().cloned());
        let mut low: Vec<String> = s.faq.iter().map(|f| f.answer.clone()).collect();
        low.extend(getting_sentences(s));
        docs.push(Doc {
            kind: kind_of(s.kind.label()),
            title: s.name.clone(),
            slug: s.code.clone(),
            code: Some(s.code.clone()),
            orgs: vec![s.department.clone()],
            aliases: s.aliases.clone(),
            other: s.material_list().iter().map(|m| m.name.clone()).collect(),
            result,
            low,
        });
    }
    for n in &site.notices {
        docs.push(Doc {
            kind: kind_of(n.kind.label()),
            title: n.title.clone(),
            slug: n.slug.clone(),
            code: n.doc_number.clone(),
            orgs: vec![n.issuer.clone()],
            aliases: Vec::new(),
            other: Vec::new(),
            result: Vec::new(),
            low: Vec::new(),
        });
    }
    for p in &site.plans {
        let mut orgs = vec![p.issuer.clone()];
        for t in &p.tasks {
            if !orgs.contains(&t.lead) {
                orgs.push(t.lead.clone());
            }
        }
        docs.push(Doc {
            kind: kind_of("方案"),
            title: p.title.clone(),
            slug: p.slug.clone(),
            code: p.doc_number.clone(),
            orgs,
            aliases: Vec::new(),
            other: p.tasks.iter().map(|t| t.title.clone()).collect(),
            result: Vec::new(),
            low: Vec::new(),
        });
    }
    for c in &site.centres {
        docs.push(Doc {
            kind: kind_of("中心"),
            title: c.name.clone(),
            slug: c.slug.clone(),
            code: None,
            orgs: Vec::new(),
            aliases: Vec::new(),
            other: vec![c.address.clone()],
            result: Vec::new(),
            low: Vec::new(),
        });
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_cover_every_service_type_and_notice_kind() {
        let types = doc_types();
        assert_eq!(
            types.len(),
            ServiceType::ALL.len() + NoticeKind::ALL.len() + 2
        );
        assert_eq!(types[0].label, "行政许可");
        assert_eq!(types.last().unwrap().section, "centers");
    }
}
