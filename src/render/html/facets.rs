//! The facets of the catalogue (服务对象, 主题分类, 实施主体, 事项类型, 办理层级, 办事属性):
//! which values each has, in which order, and which items state each value.

use super::Links;
use super::views::{Facet, FacetValue};
use crate::figures;
use crate::model::{Audience, Service, Site};
use crate::render::urls::unique_slugs;
use crate::route::Route;
use std::collections::BTreeMap;

/// A facet of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    /// 服务对象: 自然人 / 法人 …
    Audience,
    /// 主题分类, site.yaml's list first, then any others items state.
    Topic,
    /// 实施主体, the departments.
    Department,
    /// 事项类型.
    Type,
    /// 办理层级, in site.yaml's order.
    Level,
    /// 办事属性, in site.yaml's order.
    Attribute,
}

impl FacetKind {
    /// Every facet, in the order the catalogue shows them.
    pub const ALL: [FacetKind; 6] = [
        FacetKind::Audience,
        FacetKind::Topic,
        FacetKind::Department,
        FacetKind::Type,
        FacetKind::Level,
        FacetKind::Attribute,
    ];

    /// Its name in addresses: `/services/<key>/<value>/`.
    pub fn key(self) -> &'static str {
        match self {
            FacetKind::Audience => "audience",
            FacetKind::Topic => "topic",
            FacetKind::Department => "department",
            FacetKind::Type => "type",
            FacetKind::Level => "level",
            FacetKind::Attribute => "attribute",
        }
    }

    /// Its heading.
    pub fn label(self) -> &'static str {
        match self {
            FacetKind::Audience => "服务对象",
            FacetKind::Topic => "主题分类",
            FacetKind::Department => "实施主体",
            FacetKind::Type => "事项类型",
            FacetKind::Level => "办理层级",
            FacetKind::Attribute => "办事属性",
        }
    }

    /// The values an item states.
    pub(crate) fn of(self, s: &Service) -> Vec<String> {
        match self {
            FacetKind::Audience => s.audience.iter().map(|a| a.label().to_string()).collect(),
            FacetKind::Topic => s.topics.clone(),
            FacetKind::Department => vec![s.department.clone()],
            FacetKind::Type => vec![s.kind.label().to_string()],
            FacetKind::Level => s.levels.clone(),
            FacetKind::Attribute => s.attributes.clone(),
        }
    }

    /// Its values in their order: configured or fixed lists first, as the catalogue
    /// shows them.
    fn values(
        self,
        site: &Site,
        items: &[&Service],
        counts: Option<&figures::ServiceFigures>,
    ) -> Vec<String> {
        let c = &site.config;
        match self {
            FacetKind::Audience => Audience::ALL
                .iter()
                .map(|a| a.label().to_string())
                .collect(),
            FacetKind::Topic => {
                let mut topics: Vec<String> = c.topics.clone();
                let mut extra: Vec<String> = items
                    .iter()
                    .flat_map(|s| s.topics.iter().cloned())
                    .filter(|t| !c.topics.contains(t))
                    .collect();
                extra.sort();
                extra.dedup();
                topics.extend(extra);
                topics
            }
            FacetKind::Department => counts
                .iter()
                .flat_map(|f| &f.by_department)
                .map(|d| d.label.clone())
                .collect(),
            FacetKind::Type => counts
                .iter()
                .flat_map(|f| &f.by_type)
                .map(|d| d.label.clone())
                .collect(),
            FacetKind::Level => c.levels.clone(),
            FacetKind::Attribute => c.attributes.clone(),
        }
    }
}

/// One facet of the catalogue with, per value, the positions of its items in the catalogue
/// order.
pub struct FacetMembers {
    /// The facet as the templates show it.
    pub facet: Facet,
    /// Per value of `facet.values`, the positions of its items in `items`.
    pub members: Vec<Vec<usize>>,
}

/// The facets `kinds` of the catalogue over `items` (the items in use, in the catalogue
/// order). A value no item states is left out, and a facet without values is left out
/// entirely.
pub fn facets(
    site: &Site,
    items: &[&Service],
    links: &Links,
    kinds: &[FacetKind],
) -> Vec<FacetMembers> {
    let c = &site.config;
    // The departments and types come in the order of their counts: counted only when
    // one of them is asked for.
    let counts = kinds
        .iter()
        .any(|k| matches!(k, FacetKind::Department | FacetKind::Type))
        .then(|| figures::service_figures(&site.services, &c.levels, &c.attributes));
    kinds
        .iter()
        .filter_map(|&kind| {
            let values = kind.values(site, items, counts.as_ref());
            let mut members: Vec<Vec<usize>> = vec![Vec::new(); values.len()];
            let position: BTreeMap<&str, usize> = values
                .iter()
                .enumerate()
                .map(|(i, v)| (v.as_str(), i))
                .collect();
            for (i, s) in items.iter().enumerate() {
                for v in kind.of(s) {
                    if let Some(&vi) = position.get(v.as_str())
                        && members[vi].last() != Some(&i)
                    {
                        members[vi].push(i);
                    }
                }
            }
            let kept: Vec<(String, Vec<usize>)> = values
                .into_iter()
                .zip(members)
                .filter(|(_, m)| !m.is_empty())
                .collect();
            if kept.is_empty() {
                return None;
            }
            let slugs = unique_slugs(kept.iter().map(|(v, _)| v.as_str()));
            let facet = Facet {
                key: kind.key().to_string(),
                label: kind.label().to_string(),
                values: kept
                    .iter()
                    .map(|(v, m)| FacetValue {
                        label: v.clone(),
                        url: links.route(Route::Facet {
                            facet: kind.key(),
                            value: &slugs[v],
                            page: 1,
                        }),
                        slug: slugs[v].clone(),
                        count: m.len(),
                    })
                    .collect(),
            };
            Some(FacetMembers {
                facet,
                members: kept.into_iter().map(|(_, m)| m).collect(),
            })
        })
        .collect()
}
