//! Who says what, as a table: each article's sentences with the speaker the analysis should
//! give them (`None`: not attributed to anyone). Invented texts, one pattern each.

use annotator_core::{analyze, ClaimKind};

fn check(text: &str, want: &[Option<&str>]) {
    let a = analyze(text);
    let got: Vec<Option<&str>> = a
        .sentences
        .iter()
        .filter(|s| a.blocks[s.block].kind == annotator_core::BlockKind::Paragraph)
        .map(|s| s.speaker.as_deref())
        .collect();
    assert_eq!(got, want, "{text}");
}

#[test]
fn speakers() {
    let cases: &[(&str, &[Option<&str>])] = &[
        // The speaker after the quotation, with a role before the name.
        (
            "T\n\n“We will not accept this,” said union leader Tom Reyes.",
            &[Some("Tom Reyes")],
        ),
        // A quotation over three sentences carries its speaker to each.
        (
            "T\n\n“We will not accept this,” said union leader Tom Reyes. “The plan is a betrayal. It must go.”",
            &[Some("Tom Reyes"), Some("Tom Reyes"), Some("Tom Reyes")],
        ),
        // "She said": the person named before.
        (
            "T\n\nMayor Dana Ruiz opened the bridge on Monday. She said the repairs had cost less than planned.",
            &[None, Some("Dana Ruiz")],
        ),
        // "She" is no man the article names, though he spoke last.
        (
            "T\n\nMayor Dana Ruiz met Governor Tom Reyes on Monday. Reyes said the bridge would open in May. She said the repairs had cost less than planned.",
            &[None, Some("Tom Reyes"), Some("Dana Ruiz")],
        ),
        // "Mrs." says who "she" can be where the given name does not.
        (
            "T\n\nMrs. Okafor met Tom Reyes on Monday. She said the deal was fair.",
            &[None, Some("Okafor")],
        ),
        // "Her campaign": whose, as "she" would be resolved.
        (
            "T\n\nSenator Ann Lee toured a factory in Ohio on Monday. Her campaign said she had raised $2 million.",
            &[None, Some("Ann Lee's campaign")],
        ),
        // "The company" with no name that says which: the organisation named last.
        (
            "T\n\nHarbor Freight Corp. cut 200 jobs on Monday. The company said demand had fallen.",
            &[None, Some("Harbor Freight Corp.")],
        ),
        // "The senator": the person introduced as "Sen.".
        (
            "T\n\nSen. Ann Lee visited a school on Monday.\n\nThe senator said it would cost too much.",
            &[None, Some("Ann Lee")],
        ),
        // A role modifying a name: the name is the speaker.
        (
            "T\n\nParents’ group Safe Screens said the fine was far too small.",
            &[Some("Safe Screens")],
        ),
        // "The mayor" stands for the person introduced as mayor.
        (
            "T\n\nMayor Dana Ruiz opened the bridge on Monday.\n\nThe mayor said the repairs had cost less than planned.",
            &[None, Some("Dana Ruiz")],
        ),
        // A place that is the subject of a verb other than the cue acts; it says nothing.
        // (The writer's own view, as in seed 002: the tag bar once said "said by United States".)
        (
            "T\n\nWhile concerns regarding national security cannot be ignored, finding a balanced approach between mitigating risk and promoting open market access is crucial. Instead of an outright ban, the US government could explore alternative solutions, such as increased oversight, stricter regulation, or joint ventures with Chinese counterparts, to address security concerns without impeding technological progress.",
            &[None, None],
        ),
        // A dateline says where the story was filed, not who speaks.
        (
            "T\n\nDECATUR, Ill. — Governor Tom Reyes weighed in on the vote on Monday, calling it a disgrace.",
            &[Some("Tom Reyes")],
        ),
        (
            "T\n\nWashington (AFP) – Senator Ann Lee has taken a swipe at the plan, saying it would cost too much.",
            &[Some("Ann Lee")],
        ),
        ("T\n\nAthens expelled the Libyan ambassador over the agreement.", &[None]),
        // A source noun keeps the names that say whose it is. (A party's adjective is the
        // party, an organisation, by the labelling guide, and "Democratic officials" then speak
        // for it as "White House officials" do: the test takes a place, which never speaks.)
        (
            "T\n\nOhio registered voters said the plan went too far.",
            &[Some("Ohio registered voters")],
        ),
        // Two sources joined by "and" both speak.
        (
            "T\n\nAnn Lee and Tom Reyes said the plan went too far.",
            &[Some("Ann Lee and Tom Reyes")],
        ),
        // A capitalised title inside a describing phrase: the person at its end.
        (
            "T\n\nGOP presidential candidate Dr. Ann Lee said the plan went too far.",
            &[Some("Ann Lee")],
        ),
        (
            "T\n\nWestfield Council Chairman Tom Reyes said the plan went too far.",
            &[Some("Tom Reyes")],
        ),
        ("T\n\nTurkey maintains a position that the zone is its own.", &[None]),
        // A common noun that is the subject of a verb other than a speech verb is no speaker:
        // the writer describing a statement or a report (a reader saw "said by statement").
        (
            "T\n\nThe finance ministry said on Monday that the fuel tax would rise. “We have no other choice,” the ministry said in a statement.\n\nThe statement reflects growing pressure on the budget.",
            &[Some("ministry"), Some("ministry"), None],
        ),
        ("T\n\nThe survey marks the third week in a row of falling sales.", &[None]),
        // A document with a speech verb, a reported clause or a quotation stays the source.
        ("T\n\nThe report found that the river was polluted.", &[Some("report")]),
        ("T\n\nThe statement said the fuel tax would rise.", &[Some("statement")]),
        // A place with a speech verb stays the speaker.
        ("T\n\nThe United States said the ban would stand.", &[Some("United States")]),
        ("T\n\nFrance has warned that the deal is unfair.", &[Some("France")]),
        // "According to" names the source it reports from, however long its phrase, and a quote
        // reported from a paper is the paper's account (PolNeAR's nested attributions).
        (
            "T\n\nSales fell by a third last year, according to a count by the Retail Council.",
            &[Some("Retail Council")],
        ),
        (
            "T\n\n“We will not accept this,” Governor Tom Reyes said, according to the Daily Ledger.",
            &[Some("Daily Ledger")],
        ),
        // A role phrase before a comma names the person after it.
        (
            "T\n\n“We will not accept this,” said Ruiz's campaign manager, Tom Reyes.",
            &[Some("Tom Reyes")],
        ),
    ];
    for (text, want) in cases {
        check(text, want);
    }
}

/// Descriptions resolved to the entity the text named before, a language that is no speaker
/// (issue #14, speaker15).
#[test]
fn descriptions_and_modifiers() {
    let cases: &[(&str, &[Option<&str>])] = &[
        // "Spanish language:" tags a quotation's language; its speaker is the one before.
        (
            "T\n\nGovernor Ana Ruiz wrote on Twitter, “We will rebuild the port.” Spanish language: “Vamos a reconstruir el puerto.”",
            &[Some("Ana Ruiz"), Some("Ana Ruiz")],
        ),
        // "The commissioner" is the person introduced with that title, paragraphs back.
        (
            "T\n\nCommissioner Albert Nkosi opened the summit in Niamey on Sunday.\n\nDelegates from forty states attended.\n\nThe talks ran late into the night.\n\nSeveral ministers left early.\n\nThe commissioner said the trade zone would open in July.",
            &[None, None, None, None, Some("Albert Nkosi")],
        ),
        // "The foreign minister": "the" may stand before lower-case words of the role.
        (
            "T\n\nForeign Minister Marta Ibarra visited the border on Monday.\n\nThe foreign minister said the crossing would reopen.",
            &[None, Some("Marta Ibarra")],
        ),
        // A statement "released by" someone is theirs.
        (
            "T\n\nThe judge retired in 2010, according to a statement released by the Supreme Court.",
            &[Some("Supreme Court")],
        ),
        // "The spokesperson" again: what "an Interpol spokesperson" stood for.
        (
            "T\n\nThe request was declined, an Interpol spokesperson stated. The spokesperson added that such requests are not considered.",
            &[Some("Interpol"), Some("Interpol")],
        ),
    ];
    for (text, want) in cases {
        check(text, want);
    }
}

#[test]
fn claim_kinds() {
    let a = analyze(
        "T\n\nUnemployment rose to 5.2 percent in March. The minister said the plan was fair. The hills were green.",
    );
    let kinds: Vec<Option<ClaimKind>> = a.sentences[1..].iter().map(|s| s.claim_kind).collect();
    assert_eq!(
        kinds,
        [Some(ClaimKind::Factual), Some(ClaimKind::Attributed), None]
    );
    assert!(a.sentences.iter().all(|s| s.claim == s.claim_kind.is_some()));
}

/// The sentence model scores a sentence as `train-attribution` fitted it: each distinct word's
/// weight once, however often the word occurs ("The budget … the budget" weighs "the" and
/// "budget" once each, "The" and "the" being one word).
#[test]
fn a_repeated_word_weighs_once_as_trained() {
    use annotator_core::attribution::{self, features, Model};
    let words = [("budget", 0.8, 0.0), ("the", -0.3, 0.0), ("grew", 0.2, 0.0)];
    let m = Model::new([0.1; features::NS], [0.0; features::NC], &words);
    let t = attribution::trace(&m, "T\n\nThe budget grew and the budget grew again.");
    let (k, st) = t.sentences.iter().enumerate().rfind(|(_, s)| s.content).expect("the paragraph's sentence");
    let weight = |w: &str| words.iter().find(|x| x.0 == w).map_or(0.0, |x| x.1);
    // The trainer's score: the dense features, then every word of the trace once.
    let z: f32 = st.x.iter().map(|x| x * 0.1).sum::<f32>() + st.words.iter().map(|w| weight(&w.0)).sum::<f32>();
    assert_eq!(st.words.iter().filter(|w| weight(&w.0) != 0.0).count(), 3, "{:?}", st.words);
    let p = t.attributions[k].probability;
    assert!((p - 1.0 / (1.0 + (-z).exp())).abs() < 1e-5, "analysis {p}, trainer {}", 1.0 / (1.0 + (-z).exp()));
}
