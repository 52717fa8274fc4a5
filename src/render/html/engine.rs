//! The template engine: the theme's templates compiled once, errors as diagnostics.

use crate::diag::{Diagnostic, Pos, tr};
use crate::load::Theme;
use crate::tr;
use std::collections::BTreeMap;
use tera::{Context, ErrorKind, Tera};

/// Compiled templates of a theme.
pub struct Engine {
    tera: Tera,
    origins: BTreeMap<String, String>,
}

impl Engine {
    /// Compiles every template of `theme`; `globals` are visible to every template.
    pub fn new(theme: &Theme, globals: Context) -> Result<Engine, Vec<Diagnostic>> {
        let origins: BTreeMap<String, String> = theme
            .templates
            .iter()
            .map(|(name, t)| (name.clone(), t.origin.clone()))
            .collect();
        let mut tera = Tera::new();
        // `{{ phone | tel }}`: the tel: link of a phone number as written.
        tera.register_filter("tel", |x: &str, _: tera::Kwargs, _: &tera::State| {
            crate::render::urls::tel_href(x)
        });
        tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
        let templates = theme
            .templates
            .iter()
            .map(|(name, t)| (name.as_str(), t.text.as_str()));
        if let Err(e) = tera.add_raw_templates(templates) {
            return Err(vec![diagnostic(&e, &origins, None)]);
        }
        *tera.global_context() = globals;
        Ok(Engine { tera, origins })
    }

    /// Whether the theme has a template called `name`.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `template` with `ctx`.
    pub fn render(&self, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map_err(|e| diagnostic(&e, &self.origins, Some(template)))
    }

    /// [`Engine::render`] as bytes, for a page that is written as it is: what the
    /// templates write is text already, so it is not checked again as UTF-8 (2 % of a
    /// build's CPU).
    pub fn render_bytes(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, ctx, &mut out)
            .map_err(|e| diagnostic(&e, &self.origins, Some(template)))?;
        Ok(out)
    }
}

/// A diagnostic naming the template file, line and column of a Tera error.
fn diagnostic(
    e: &tera::Error,
    origins: &BTreeMap<String, String>,
    rendering: Option<&str>,
) -> Diagnostic {
    let origin = |name: &str| {
        origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"))
    };
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let name = if r.filename().is_empty() {
                rendering.unwrap_or("")
            } else {
                r.filename()
            };
            let what = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                tr("模板写法有错", "template syntax error")
            } else {
                tr("模板出错", "template error")
            };
            Diagnostic::error(origin(name), format!("{what}: {}", r.message()))
                .at(Some(Pos {
                    line: r.span().start_line.max(1),
                    column: r.span().start_col + 1,
                }))
                .help(tr(
                    "改好这个模板，或者删掉它，改用主题自带的模板",
                    "fix the template, or delete it to use the theme's own",
                ))
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            origin(current),
            tr!(
                "模板继承了“{parent}”，但主题里没有这个模板",
                "template extends `{parent}`, which the theme does not have"
            ),
        ),
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            rendering.map(&origin).unwrap_or_default(),
            tr!("找不到模板“{name}”", "template `{name}` not found"),
        ),
        _ => Diagnostic::error(
            rendering.map(&origin).unwrap_or_else(|| "templates".into()),
            tr!("模板出错：{e}", "template error: {e}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::TemplateSource;

    fn theme(name: &str, text: &str) -> Theme {
        let mut t = Theme::default();
        t.templates.insert(
            name.into(),
            TemplateSource {
                origin: format!("templates/{name}"),
                text: text.into(),
            },
        );
        t
    }

    #[test]
    fn syntax_errors_name_the_file_and_line() {
        let err = Engine::new(&theme("page.html", "ok\n\n{% if %}"), Context::new())
            .err()
            .unwrap();
        assert_eq!(err[0].file, "templates/page.html");
        assert_eq!(err[0].pos.unwrap().line, 3);
        use crate::diag::lang::{Lang, with};
        let zh = with(Lang::Zh, || {
            Engine::new(&theme("page.html", "{% if %}"), Context::new())
                .err()
                .unwrap()
        });
        assert!(
            zh[0].message.starts_with("模板写法有错"),
            "{}",
            zh[0].message
        );
        assert!(zh[0].help.as_deref().unwrap().contains("主题自带"));
        let en = with(Lang::En, || {
            Engine::new(&theme("page.html", "{% if %}"), Context::new())
                .err()
                .unwrap()
        });
        assert!(
            en[0].message.starts_with("template syntax error"),
            "{}",
            en[0].message
        );
    }

    #[test]
    fn rendering_errors_name_the_file_and_line() {
        let e = Engine::new(&theme("page.html", "a\n{{ nosuch.thing }}"), Context::new()).unwrap();
        let d = e.render("page.html", &Context::new()).unwrap_err();
        assert_eq!(d.file, "templates/page.html");
        assert_eq!(d.pos.unwrap().line, 2);
    }

    #[test]
    fn escapes_by_default() {
        let e = Engine::new(&theme("page.html", "{{ x }}"), Context::new()).unwrap();
        let mut ctx = Context::new();
        ctx.insert("x", "<b>&");
        assert_eq!(e.render("page.html", &ctx).unwrap(), "&lt;b&gt;&amp;");
    }
}
