//! The element-by-element comparison of one item's two versions.

use super::{ChangeKind, FieldChange};
use crate::model::{Duration, Fee, Location, Material, Service, SpecialProcedure, Step};

/// Collects the changes of one item.
#[derive(Default)]
struct Changes(Vec<FieldChange>);

impl Changes {
    fn push(
        &mut self,
        key_path: String,
        about: Option<&str>,
        old: Option<String>,
        new: Option<String>,
        kind: ChangeKind,
    ) {
        self.0.push(FieldChange {
            key_path,
            about: about.map(str::to_string),
            old,
            new,
            kind,
        });
    }

    /// A value stated, dropped or changed.
    fn value(&mut self, key: &str, about: Option<&str>, old: Option<String>, new: Option<String>) {
        let (old, new) = (old.map(|s| one_line(&s)), new.map(|s| one_line(&s)));
        let kind = match (&old, &new) {
            (a, b) if a == b => return,
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        };
        self.push(key.to_string(), about, old, new, kind);
    }

    /// A number made smaller or larger, shown with `unit` (`次`, `份`).
    fn number(
        &mut self,
        key: &str,
        about: Option<&str>,
        old: Option<u32>,
        new: Option<u32>,
        unit: &str,
    ) {
        let show = |n: Option<u32>| n.map(|n| format!("{n}{unit}"));
        match (old, new) {
            (Some(a), Some(b)) if a != b => {
                let kind = if b < a {
                    ChangeKind::Decreased
                } else {
                    ChangeKind::Increased
                };
                self.push(key.to_string(), about, show(old), show(new), kind);
            }
            _ => self.value(key, about, show(old), show(new)),
        }
    }

    /// A time limit made shorter or longer (compared in working days, whatever the unit).
    fn duration(
        &mut self,
        key: &str,
        about: Option<&str>,
        old: Option<&Duration>,
        new: Option<&Duration>,
    ) {
        match (old, new) {
            (Some(a), Some(b)) if limit_text(a) != limit_text(b) => {
                let (x, y) = (
                    a.days_in(crate::model::DayUnit::Working),
                    b.days_in(crate::model::DayUnit::Working),
                );
                let kind = if y < x {
                    ChangeKind::Shortened
                } else if y > x {
                    ChangeKind::Lengthened
                } else {
                    ChangeKind::Changed
                };
                self.push(
                    key.to_string(),
                    about,
                    Some(limit_text(a)),
                    Some(limit_text(b)),
                    kind,
                );
            }
            _ => self.value(key, about, old.map(limit_text), new.map(limit_text)),
        }
    }

    /// A list of words: each one added or dropped (`设定依据[2]`).
    fn words(&mut self, key: &str, old: &[String], new: &[String]) {
        for (i, w) in old.iter().enumerate() {
            if !new.contains(w) {
                self.push(
                    index(key, i),
                    None,
                    Some(one_line(w)),
                    None,
                    ChangeKind::Removed,
                );
            }
        }
        for (i, w) in new.iter().enumerate() {
            if !old.contains(w) {
                self.push(
                    index(key, i),
                    None,
                    None,
                    Some(one_line(w)),
                    ChangeKind::Added,
                );
            }
        }
    }

    /// A list of entries matched by their name: each one added, dropped, or compared with
    /// `fields` (which gets the entry's path and name).
    fn entries<T>(
        &mut self,
        key: &str,
        old: &[T],
        new: &[T],
        name: impl Fn(&T) -> &str,
        summary: impl Fn(&T) -> String,
        fields: impl Fn(&mut Changes, &str, &str, &T, &T),
    ) {
        for (i, o) in old.iter().enumerate() {
            if !new.iter().any(|n| name(n) == name(o)) {
                self.push(
                    index(key, i),
                    Some(name(o)),
                    Some(summary(o)),
                    None,
                    ChangeKind::Removed,
                );
            }
        }
        for (i, n) in new.iter().enumerate() {
            match old.iter().find(|o| name(o) == name(n)) {
                Some(o) => fields(self, &index(key, i), name(n), o, n),
                None => self.push(
                    index(key, i),
                    Some(name(n)),
                    None,
                    Some(summary(n)),
                    ChangeKind::Added,
                ),
            }
        }
    }
}

/// `申报材料[2]`: the entry at `i` (from 0), counted from 1.
fn index(key: &str, i: usize) -> String {
    format!("{key}[{}]", i + 1)
}

/// Text on one line, runs of white space made one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A limit as written, with its note: `20个工作日（听证时间不计入）`.
fn limit_text(d: &Duration) -> String {
    match &d.note {
        Some(n) => format!("{d}（{n}）"),
        None => d.to_string(),
    }
}

fn yes_no(b: Option<bool>) -> Option<String> {
    b.map(|b| if b { "是" } else { "否" }.to_string())
}

fn label<T: std::fmt::Display>(v: Option<T>) -> Option<String> {
    v.map(|v| v.to_string())
}

fn joined<T: std::fmt::Display>(v: &[T]) -> Vec<String> {
    v.iter().map(|v| v.to_string()).collect()
}

/// A material as a 办事指南 lists it: `申请书（原件，2份，必需）`.
fn material_summary(m: &Material) -> String {
    let p = m.stated_particulars();
    if p.is_empty() {
        m.name.clone()
    } else {
        format!("{}（{}）", m.name, p.join("，"))
    }
}

fn material(c: &mut Changes, path: &str, name: &str, o: &Material, n: &Material) {
    let key = |k: &str| format!("{path}.{k}");
    let about = Some(name);
    c.value(&key("材料类型"), about, label(o.kind), label(n.kind));
    c.value(&key("材料形式"), about, label(o.form), label(n.form));
    c.number(&key("份数"), about, o.copies, n.copies, "份");
    c.value(
        &key("是否必需"),
        about,
        o.required.as_ref().map(|r| r.label().to_string()),
        n.required.as_ref().map(|r| r.label().to_string()),
    );
    c.value(&key("来源"), about, label(o.source), label(n.source));
    c.value(
        &key("免提交"),
        about,
        yes_no(Some(o.shared)),
        yes_no(Some(n.shared)),
    );
    c.value(
        &key("空白表格"),
        about,
        o.template.clone(),
        n.template.clone(),
    );
    c.value(&key("示例样表"), about, o.sample.clone(), n.sample.clone());
    c.value(&key("备注"), about, o.note.clone(), n.note.clone());
    c.value(
        &key("受理标准"),
        about,
        o.acceptance.clone(),
        n.acceptance.clone(),
    );
    c.value(&key("材料依据"), about, o.basis.clone(), n.basis.clone());
    c.value(
        &key("填报须知"),
        about,
        o.instructions.clone(),
        n.instructions.clone(),
    );
}

fn fee_summary(f: &Fee) -> String {
    format!("{}：{}", f.item, one_line(&f.standard))
}

fn fee(c: &mut Changes, path: &str, name: &str, o: &Fee, n: &Fee) {
    let key = |k: &str| format!("{path}.{k}");
    let about = Some(name);
    c.value(
        &key("收费标准"),
        about,
        Some(o.standard.clone()),
        Some(n.standard.clone()),
    );
    c.value(
        &key("收费依据"),
        about,
        Some(o.basis.clone()),
        Some(n.basis.clone()),
    );
    c.value(
        &key("减免说明"),
        about,
        o.reduction.clone(),
        n.reduction.clone(),
    );
}

fn step(c: &mut Changes, path: &str, name: &str, o: &Step, n: &Step) {
    let key = |k: &str| format!("{path}.{k}");
    let about = Some(name);
    c.value(&key("办理人员"), about, o.actor.clone(), n.actor.clone());
    c.duration(
        &key("环节时限"),
        about,
        o.time_limit.as_ref(),
        n.time_limit.as_ref(),
    );
    c.value(
        &key("说明"),
        about,
        o.description.clone(),
        n.description.clone(),
    );
}

fn location(c: &mut Changes, path: &str, name: &str, o: &Location, n: &Location) {
    let key = |k: &str| format!("{path}.{k}");
    let about = Some(name);
    c.value(&key("地址"), about, o.address.clone(), n.address.clone());
    c.value(&key("办理时间"), about, o.hours.clone(), n.hours.clone());
    c.value(&key("电话"), about, o.phone.clone(), n.phone.clone());
}

fn location_summary(l: &Location) -> String {
    match &l.address {
        Some(a) => format!("{}（{}）", l.place, one_line(a)),
        None => l.place.clone(),
    }
}

fn procedure(c: &mut Changes, path: &str, name: &str, o: &SpecialProcedure, n: &SpecialProcedure) {
    let key = |k: &str| format!("{path}.{k}");
    let about = Some(name);
    c.duration(
        &key("时限"),
        about,
        o.time_limit.as_ref(),
        n.time_limit.as_ref(),
    );
    c.value(&key("说明"), about, o.note.clone(), n.note.clone());
}

/// A list that may be unstated (`None`), stated as none (`无`, `不收费`: empty) or hold
/// entries: an unstated ↔ none change is one change of the list itself (`none` is how
/// "none" is written), anything else is compared entry by entry.
fn optional_list<T>(
    c: &mut Changes,
    key: &str,
    none: &str,
    old: Option<&[T]>,
    new: Option<&[T]>,
    each: impl FnOnce(&mut Changes, &[T], &[T]),
) {
    let state = |l: Option<&[T]>| match l {
        None => None,
        Some([]) => Some(none.to_string()),
        Some(_) => Some(String::new()),
    };
    match (old, new) {
        (Some(o), Some(n)) if !o.is_empty() || !n.is_empty() => each(c, o, n),
        (None, Some(n)) if !n.is_empty() => each(c, &[], n),
        (Some(o), None) if !o.is_empty() => each(c, o, &[]),
        _ => c.value(key, None, state(old), state(new)),
    }
}

/// Every change from `o` to `n`, in the order of the item's keys.
pub fn compare(o: &Service, n: &Service) -> Vec<FieldChange> {
    let mut c = Changes::default();
    c.value("事项名称", None, Some(o.name.clone()), Some(n.name.clone()));
    c.value(
        "事项类型",
        None,
        Some(o.kind.to_string()),
        Some(n.kind.to_string()),
    );
    c.value(
        "实施主体",
        None,
        Some(o.department.clone()),
        Some(n.department.clone()),
    );
    c.words("办理层级", &o.levels, &n.levels);
    c.words("设定依据", &o.legal_basis, &n.legal_basis);
    c.value("受理条件", None, o.conditions.clone(), n.conditions.clone());
    optional_list(
        &mut c,
        "申报材料",
        "无",
        o.materials.as_deref(),
        n.materials.as_deref(),
        |c, a, b| {
            c.entries(
                "申报材料",
                a,
                b,
                |m| m.name.as_str(),
                material_summary,
                material,
            )
        },
    );
    c.entries(
        "办事流程",
        &o.process,
        &n.process,
        |s| s.step.as_str(),
        |s| s.step.clone(),
        step,
    );
    let limits = |s: &Service| {
        s.time_limit.as_ref().map(|l| {
            let statutory = match (&l.statutory, l.no_statutory_limit) {
                (Some(d), _) => Some(d.clone()),
                _ => None,
            };
            (statutory, l.no_statutory_limit, l.promised.clone())
        })
    };
    let (ol, nl) = (limits(o), limits(n));
    match (&ol, &nl) {
        (Some((os, on, _)), Some((ns, nn, _))) if os.is_some() && ns.is_some() || (!on && !nn) => {
            c.duration("办理时限.法定时限", None, os.as_ref(), ns.as_ref())
        }
        _ => {
            let text = |l: &Option<(Option<Duration>, bool, Duration)>| {
                l.as_ref().and_then(|(s, none, _)| match (s, none) {
                    (Some(d), _) => Some(limit_text(d)),
                    (None, true) => Some("无".to_string()),
                    (None, false) => None,
                })
            };
            c.value("办理时限.法定时限", None, text(&ol), text(&nl));
        }
    }
    c.duration(
        "办理时限.承诺时限",
        None,
        ol.as_ref().map(|l| &l.2),
        nl.as_ref().map(|l| &l.2),
    );
    optional_list(
        &mut c,
        "收费",
        "不收费",
        o.fees.as_deref(),
        n.fees.as_deref(),
        |c, a, b| c.entries("收费", a, b, |f| f.item.as_str(), fee_summary, fee),
    );
    c.words("办事属性", &o.attributes, &n.attributes);
    c.number(
        "到现场次数",
        None,
        o.visits.map(u32::from),
        n.visits.map(u32::from),
        "次",
    );
    c.value(
        "网上办理地址",
        None,
        o.online_url.clone(),
        n.online_url.clone(),
    );
    c.entries(
        "办理地点",
        &o.locations,
        &n.locations,
        |l| l.place.as_str(),
        location_summary,
        location,
    );
    c.value(
        "咨询电话",
        None,
        o.consult_phone.clone(),
        n.consult_phone.clone(),
    );
    c.value(
        "监督投诉电话",
        None,
        Some(o.complaint_phone.clone()),
        Some(n.complaint_phone.clone()),
    );
    let result = |s: &Service| {
        s.result.as_ref().map(|r| match r.kind {
            Some(k) => format!("{}（{k}）", r.name),
            None => r.name.clone(),
        })
    };
    c.value("办理结果", None, result(o), result(n));
    c.value("物流快递", None, yes_no(o.delivery), yes_no(n.delivery));
    c.value(
        "预约办理",
        None,
        yes_no(o.appointment),
        yes_no(n.appointment),
    );
    c.value("基本编码", None, o.basic_code.clone(), n.basic_code.clone());
    c.value(
        "实施主体编码",
        None,
        o.department_code.clone(),
        n.department_code.clone(),
    );
    c.words("俗称", &o.aliases, &n.aliases);
    c.words("主题分类", &o.topics, &n.topics);
    c.words("服务对象", &joined(&o.audience), &joined(&n.audience));
    c.value("办件类型", None, label(o.case_type), label(n.case_type));
    c.value(
        "事项状态",
        None,
        Some(o.status.to_string()),
        Some(n.status.to_string()),
    );
    c.value("生效日期", None, label(o.effective), label(n.effective));
    c.value("取消日期", None, label(o.cancelled), label(n.cancelled));
    c.value(
        "权力来源",
        None,
        label(o.power_source),
        label(n.power_source),
    );
    c.value(
        "下放委托部门",
        None,
        o.delegated_by.clone(),
        n.delegated_by.clone(),
    );
    c.value("通办范围", None, o.scope.clone(), n.scope.clone());
    c.words("办理形式", &joined(&o.channels), &joined(&n.channels));
    c.value(
        "网上支付",
        None,
        yes_no(o.online_payment),
        yes_no(n.online_payment),
    );
    c.value(
        "到现场原因",
        None,
        o.visit_reason.clone(),
        n.visit_reason.clone(),
    );
    c.value(
        "中介服务",
        None,
        o.intermediary.clone(),
        n.intermediary.clone(),
    );
    c.value(
        "数量限制",
        None,
        o.quantity_limit.clone(),
        n.quantity_limit.clone(),
    );
    c.value("不予受理情形", None, o.refusal.clone(), n.refusal.clone());
    c.entries(
        "特别程序",
        &o.special_procedures,
        &n.special_procedures,
        |p| p.kind.label(),
        |p| match &p.time_limit {
            Some(t) => format!("{}（{}）", p.kind, limit_text(t)),
            None => p.kind.to_string(),
        },
        procedure,
    );
    c.value("处罚种类和幅度", None, o.penalty.clone(), n.penalty.clone());
    c.value("实施对象", None, o.target.clone(), n.target.clone());
    c.value("救济途径", None, o.remedy.clone(), n.remedy.clone());
    c.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DayUnit, ServiceType, TimeLimit};

    fn base() -> Service {
        let mut s = Service::new("T-1", "测试事项", ServiceType::Licence, "测试局");
        s.time_limit = Some(TimeLimit {
            statutory: Some(Duration::new(20, DayUnit::Working)),
            no_statutory_limit: false,
            promised: Duration::new(5, DayUnit::Working),
        });
        s
    }

    #[test]
    fn a_promised_limit_in_fewer_days_is_shortened() {
        let mut n = base();
        if let Some(l) = n.time_limit.as_mut() {
            l.promised = Duration::new(3, DayUnit::Working);
        }
        let c = compare(&base(), &n);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].key_path, "办理时限.承诺时限");
        assert_eq!(c[0].kind, ChangeKind::Shortened);
        assert_eq!(c[0].old.as_deref(), Some("5个工作日"));
        assert_eq!(c[0].new.as_deref(), Some("3个工作日"));
    }

    #[test]
    fn no_statutory_limit_stated_is_a_change_of_text() {
        let mut n = base();
        if let Some(l) = n.time_limit.as_mut() {
            l.statutory = None;
            l.no_statutory_limit = true;
        }
        let c = compare(&base(), &n);
        assert_eq!(c[0].key_path, "办理时限.法定时限");
        assert_eq!(c[0].kind, ChangeKind::Changed);
        assert_eq!(c[0].new.as_deref(), Some("无"));
    }

    #[test]
    fn the_same_item_has_no_changes() {
        assert!(compare(&base(), &base()).is_empty());
    }
}
