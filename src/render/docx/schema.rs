//! ECMA-376 element order for the parts docx-rs builds.
//!
//! WordprocessingML is defined by an XML schema whose property elements are sequences:
//! in `w:pPr`, `w:spacing` must come before `w:ind` and `w:jc`; in `w:rPr`, `w:rFonts`
//! before `w:b` and `w:sz`; in `w:sectPr`, the footer references first. docx-rs 0.4
//! writes many of them in its own order, which Word may silently ignore (`w:rFonts`
//! after `w:b` loses the very fonts GB/T 9704 prescribes) and which the Open XML
//! validator reports as errors.
//!
//! [`reorder`] puts the children of every element listed in [`ORDERS`] in schema
//! order (a stable sort: elements the table does not name keep their relative order
//! and go last) and copies everything else byte for byte. It runs once per layout on
//! the shared parts (see [`super::prototype`]), so it costs nothing per document; the
//! body writer ([`super::xml`]) writes schema order itself, which a test checks with
//! [`reorder`].

use quick_xml::Reader;
use quick_xml::events::Event;

/// Child order of the elements whose children docx-rs or the body may write out of
/// order, from the ECMA-376 (transitional) schema. Names are qualified with the
/// prefixes docx-rs and the body use (`w:`).
pub const ORDERS: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    ("w:rPr", RUN_PROPERTIES),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
    ),
    (
        "w:tblBorders",
        &[
            "w:top",
            "w:left",
            "w:start",
            "w:bottom",
            "w:right",
            "w:end",
            "w:insideH",
            "w:insideV",
        ],
    ),
    (
        "w:tblCellMar",
        &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"],
    ),
    (
        "w:trPr",
        &[
            "w:cnfStyle",
            "w:divId",
            "w:gridBefore",
            "w:gridAfter",
            "w:wBefore",
            "w:wAfter",
            "w:cantSplit",
            "w:trHeight",
            "w:tblHeader",
            "w:tblCellSpacing",
            "w:jc",
            "w:hidden",
            "w:ins",
            "w:del",
            "w:trPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    ("w:styles", &["w:docDefaults", "w:latentStyles", "w:style"]),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault"]),
    (
        "w:lvl",
        &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
    ),
    ("w:settings", SETTINGS),
];

/// `w:rPr` (CT_RPr, also the paragraph mark's run properties).
const RUN_PROPERTIES: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

/// `w:settings` (CT_Settings); the Word 2010+ extensions (`w14:`, `w15:`) are not
/// named and so go last, where the schema puts them.
const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
];

/// One node of a part: an element with its children, or anything else (text,
/// declaration, comment) as its bytes.
enum Node<'a> {
    Element {
        name: &'a [u8],
        /// The start tag (or the whole empty element) as written.
        open: &'a [u8],
        /// The end tag as written; empty for an empty element.
        close: &'a [u8],
        children: Vec<Node<'a>>,
    },
    Raw(&'a [u8]),
}

/// `part` with the children of every element in [`ORDERS`] in schema order. A part
/// that does not parse as XML is returned as it is.
pub fn reorder(part: &[u8]) -> Vec<u8> {
    let Some(nodes) = parse(part) else {
        return part.to_vec();
    };
    let mut out = Vec::with_capacity(part.len());
    for n in nodes {
        write(&mut out, n);
    }
    out
}

/// Whether `part` is well-formed XML already in schema order (what [`reorder`] would
/// not change).
#[cfg(test)]
pub fn is_in_order(part: &[u8]) -> bool {
    parse(part).is_some() && reorder(part) == part
}

fn parse(part: &[u8]) -> Option<Vec<Node<'_>>> {
    let mut reader = Reader::from_reader(part);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    // Stack of open elements: (name, start tag, children so far).
    let mut stack: Vec<(&[u8], &[u8], Vec<Node<'_>>)> = Vec::new();
    let mut top: Vec<Node<'_>> = Vec::new();
    loop {
        let start = usize::try_from(reader.buffer_position()).ok()?;
        let event = reader.read_event().ok()?;
        let end = usize::try_from(reader.buffer_position()).ok()?;
        let raw = part.get(start..end)?;
        let node = match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = name_in(part, start, e.name().as_ref().len())?;
                stack.push((name, raw, Vec::new()));
                continue;
            }
            Event::End(_) => {
                let (name, open, children) = stack.pop()?;
                Node::Element {
                    name,
                    open,
                    close: raw,
                    children,
                }
            }
            Event::Empty(e) => Node::Element {
                name: name_in(part, start, e.name().as_ref().len())?,
                open: raw,
                close: &[],
                children: Vec::new(),
            },
            _ => Node::Raw(raw),
        };
        match stack.last_mut() {
            Some((_, _, children)) => children.push(node),
            None => top.push(node),
        }
    }
    stack.is_empty().then_some(top)
}

/// The element name of the tag starting at `start` (`<` then the name), borrowed from
/// the part.
fn name_in(part: &[u8], start: usize, len: usize) -> Option<&[u8]> {
    part.get(start + 1..start + 1 + len)
}

fn order_of(name: &[u8]) -> Option<&'static [&'static str]> {
    ORDERS
        .iter()
        .find(|(parent, _)| parent.as_bytes() == name)
        .map(|(_, order)| *order)
}

fn rank(order: &[&str], node: &Node<'_>) -> usize {
    match node {
        Node::Element { name, .. } => order
            .iter()
            .position(|o| o.as_bytes() == *name)
            .unwrap_or(order.len()),
        Node::Raw(_) => order.len(),
    }
}

fn is_empty_run_properties(node: &Node<'_>) -> bool {
    match node {
        Node::Element {
            name,
            open,
            children,
            ..
        } => {
            *name == b"w:rPr"
                && children.is_empty()
                && open[name.len() + 1..]
                    .iter()
                    .all(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        }
        Node::Raw(_) => false,
    }
}

fn write(out: &mut Vec<u8>, node: Node<'_>) {
    match node {
        Node::Raw(raw) => out.extend_from_slice(raw),
        Node::Element {
            name,
            open,
            close,
            mut children,
        } => {
            if let Some(order) = order_of(name) {
                children.sort_by_key(|c| rank(order, c));
            }
            // An empty `w:rPr` says nothing, and where docx-rs puts one (in the `w:pPr`
            // of styles and numbering levels) the schema allows none.
            children.retain(|c| !is_empty_run_properties(c));
            out.extend_from_slice(open);
            for c in children {
                write(out, c);
            }
            out.extend_from_slice(close);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puts_properties_in_schema_order() {
        let got = reorder(
            br#"<?xml version="1.0"?><w:p><w:pPr><w:rPr /><w:jc w:val="left" /><w:spacing w:line="1"/></w:pPr><w:r><w:rPr><w:sz w:val="2"/><w:b /><w:rFonts w:ascii="x"/></w:rPr><w:t>a &amp; b</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            String::from_utf8(got).unwrap(),
            r#"<?xml version="1.0"?><w:p><w:pPr><w:spacing w:line="1"/><w:jc w:val="left" /></w:pPr><w:r><w:rPr><w:rFonts w:ascii="x"/><w:b /><w:sz w:val="2"/></w:rPr><w:t>a &amp; b</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn keeps_unknown_children_in_their_order_after_known_ones() {
        let got = reorder(b"<w:settings><w15:x/><w:compat/><w14:y/><w:zoom/></w:settings>");
        assert_eq!(
            String::from_utf8(got).unwrap(),
            "<w:settings><w:zoom/><w:compat/><w15:x/><w14:y/></w:settings>"
        );
        assert!(is_in_order(b"<a><b/>text<c></c></a>"));
        assert!(!is_in_order(b"<a><b></a>"));
    }

    #[test]
    fn leaves_what_does_not_parse_alone() {
        assert_eq!(reorder(b"<a><b></a>"), b"<a><b></a>");
        assert_eq!(reorder(b"<a>"), b"<a>");
    }
}
