//! `annotate train --extra GROUP,...`: experimental features beside the shipped ones, for
//! `--cv` only (the weights file cannot hold them). Each group is an idea for the errors on
//! real news (docs/stance.md, `stance6`) in a form the linear model cannot build itself; a
//! group that gains by cross-validation on the real training articles moves into
//! `annotator_core::model::features` with a signal the analysis computes, one that does not
//! stays here so its figure can be reproduced.

use annotator_core::model::NF;

use super::{col, Sample};

/// The groups `--extra` knows.
pub(super) const GROUPS: [&str; 10] = ["pairs", "conj", "ctx", "opener", "text", "verbs", "next", "nextall", "pos", "prevall"];

/// Experimental features beside the shipped ones (`--extra GROUP,...`), named, from a sample's
/// own features and its neighbours'. What gains by `--cv` moves into `model::features`.
pub(super) fn extra_features(s: &Sample, groups: &[String]) -> Vec<(String, f64)> {
    let x = &s.x;
    let v = |n: &str| x[col(n)];
    let neg = (v("negative evaluation words") + v("negative evaluation in quotation marks")).min(1.0);
    let mut out: Vec<(String, f64)> = Vec::new();
    let mut add = |n: &str, val: f64| out.push((n.to_owned(), val));
    for g in groups {
        match g.as_str() {
            "conj" => {
                add("official actor × reporting verb", v("official actor") * v("reporting verb"));
                add("official actor × institution speaker", v("official actor") * v("institution speaker"));
                add("institution speaker × number", v("institution speaker") * v("number"));
                add("attributed × number", v("attributed (attribution model)") * v("number"));
                add("opposition × negative", v("opposing side speaks") * neg);
                add("other speaker × negative", v("speaker is someone else than the main actor") * neg);
                add("other speaker × criticism cues", v("speaker is someone else than the main actor") * v("criticism cues"));
                add("main actor × official cues", v("speaker is the story's main actor") * v("official cues"));
                add("pledge × official actor", v("pledge (we will, the ministry would)") * v("official actor"));
                add("forecast × expert", v("forecast (could, may, likely)") * v("expert source"));
                add("forecast × not attributed", v("forecast (could, may, likely)") * (1.0 - v("attributed (attribution model)")));
                add("decision × not attributed", v("institutional action verb") * (1.0 - v("attributed (attribution model)")));
                add("office × criticism cues", v("speaker holds an office") * v("criticism cues"));
                add("office × reporting verb", v("speaker holds an office") * v("reporting verb"));
                add("person speaker × negative", v("person speaker") * neg);
            }
            "ctx" | "opener" => {
                let same = v("continues a quotation or statement").max(v("same speaker as previous"));
                let (src, tag) = if g == "ctx" { (s.prev, "previous") } else { (s.opener, "opener") };
                let on = if g == "ctx" { same } else { 1.0 };
                let p = src.unwrap_or([0.0; NF]);
                for n in [
                    "criticism score", "speculation score", "official score", "official actor",
                    "rules: official", "rules: criticism", "rules: speculation",
                    "negative evaluation words", "negative evaluation in quotation marks", "opposing side speaks",
                    "institutional action verb", "forecast (could, may, likely)",
                ] {
                    add(&format!("{tag} {n}"), on * p[col(n)]);
                }
            }
            "next" | "nextall" | "prevall" => {
                // The next (or previous) content sentence's signals: the frame sentence after a
                // quotation ("…," she said.), the reaction after a decision.
                let src = if g == "prevall" { s.prev } else { s.next };
                let p = src.unwrap_or([0.0; NF]);
                let tag = if g == "prevall" { "prev" } else { "next" };
                add(&format!("{tag} exists"), if src.is_some() { 1.0 } else { 0.0 });
                let names: &[&str] = if g == "next" {
                    &["rules: official", "rules: criticism", "rules: speculation", "continues a quotation or statement", "official actor", "reporting verb"]
                } else {
                    &["criticism score", "speculation score", "official score", "official actor",
                      "rules: official", "rules: criticism", "rules: speculation", "reporting verb",
                      "negative evaluation words", "negative evaluation in quotation marks", "opposing side speaks",
                      "institutional action verb", "forecast (could, may, likely)", "continues a quotation or statement",
                      "attributed (attribution model)", "number", "share in quotation marks", "speaker holds an office"]
                };
                for n in names {
                    add(&format!("{tag} {n}"), p[col(n)]);
                }
            }
            "pairs" => {
                // Every product of two shipped features (bias and article mix left out): can a
                // model with interactions do better than the linear one?
                let skip = |j: usize| j == 0 || annotator_core::model::FEATURES[j].starts_with("article:");
                for i in 1..NF {
                    for j in i + 1..NF {
                        if !skip(i) && !skip(j) {
                            add("", x[i] * x[j]);
                        }
                    }
                }
            }
            "pos" => {
                let [first, last, last_para, pi, np] = s.pos;
                add("first of its paragraph", first);
                add("last of its paragraph", last);
                add("in the last paragraph", last_para);
                add("second paragraph", if pi == 1.0 { 1.0 } else { 0.0 });
                add("relative position", if np > 1.0 { pi / (np - 1.0) } else { 0.0 });
                add("alone in its paragraph", first * last);
            }
            "text" => {
                // A passive ("was given", "were acquitted", "has been charged"): a reported act
                // whose actor is left out, often an official one.
                let w: Vec<String> = s.text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
                let participle = |t: &str| t.len() > 3 && (t.ends_with("ed") || matches!(t, "given" | "taken" | "held" | "found" | "sent" | "made" | "shown" | "known" | "seen" | "told" | "brought" | "kept" | "paid" | "sold" | "built" | "put" | "set" | "cut" | "hit" | "shot" | "struck" | "driven" | "drawn" | "written" | "chosen" | "thrown" | "sworn" | "stolen" | "won" | "lost" | "led"));
                let passive = w.windows(3).any(|t| matches!(t[0].as_str(), "was" | "were" | "been" | "be" | "being" | "is" | "are") && (participle(&t[1]) || (t[1].ends_with("ly") && participle(&t[2]))));
                let p = if passive { 1.0 } else { 0.0 };
                add("passive", p);
                add("passive × official actor", p * v("official actor"));
                add("passive × number", p * v("number"));
                add("passive × not attributed", p * (1.0 - v("attributed (attribution model)")));
                let digits = s.text.chars().any(|c| c.is_ascii_digit());
                add("figure × attributed", if digits { v("attributed (attribution model)") } else { 0.0 });
                add("figure × institution speaker", if digits { v("institution speaker") } else { 0.0 });
            }
            "verbs" => {
                // Verb classes beyond the cue lists: reactions without a cue word, and acts.
                let w: Vec<String> = s.text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
                let stem = |t: &str, l: &[&str]| l.iter().any(|v| t.starts_with(v));
                const CRIT: [&str; 24] = ["accus", "condemn", "critici", "slam", "blast", "denounc", "oppos", "reject", "attack", "blam", "denie", "deny", "disput", "protest", "complain", "object", "challeng", "disagree", "demand", "call", "urg", "lambast", "decr", "alleg"];
                const ACT: [&str; 26] = ["approv", "announc", "sign", "rul", "order", "decid", "adopt", "pass", "issu", "appoint", "ban", "launch", "introduc", "declar", "award", "grant", "charg", "arrest", "sentenc", "vot", "enact", "impos", "confirm", "releas", "suspend", "recommend"];
                let crit = w.iter().any(|t| stem(t, &CRIT));
                let act = w.iter().any(|t| stem(t, &ACT));
                let f = |b: bool| if b { 1.0 } else { 0.0 };
                add("criticism verb", f(crit));
                add("criticism verb × other speaker", f(crit) * v("speaker is someone else than the main actor"));
                add("act verb", f(act));
                add("act verb × official actor", f(act) * v("official actor"));
                add("act verb × not attributed", f(act) * (1.0 - v("attributed (attribution model)")));
            }
            // `cmd_train` checks the names against `GROUPS` first.
            _ => {}
        }
    }
    out
}


