//! What the stance rules saw in one sentence ([`Signals`]): the interface between the rules
//! ([`crate::stance`], which fill it in) and the learned layer ([`crate::model`], which turns it,
//! with the neighbouring sentences', into features). Its own module so that neither side names
//! the other to share it; nothing here depends on the model's weights.

/// The rules' observations of one sentence: scores, actors and form.
#[derive(Clone, Copy, Debug, Default)]
pub struct Signals {
    /// Label scores as the rules weigh them: criticism, speculation, official.
    pub scores: [f32; 3],
    /// Cue matches per label.
    pub counts: [u8; 3],
    pub expert: bool,
    pub citizen: bool,
    /// An official actor's attributed statement.
    pub reported: bool,
    /// A reporting verb outside quotation marks.
    pub verb: bool,
    /// The speaker entity: a person / an institution (organisation or place) / another kind.
    pub speaker_person: bool,
    pub speaker_institution: bool,
    pub title: bool,
    pub heading: bool,
    /// Opens with a quotation mark.
    pub opens_quote: bool,
    /// Share of the sentence's bytes inside quotation marks.
    pub quoted: f32,
    pub number: bool,
    pub concession: bool,
    pub refusal: bool,
    pub headline: bool,
    /// "not", "never", "n't" anywhere.
    pub negation: bool,
    /// A pronoun subject ("she said", "it said", "they").
    pub pronoun: bool,
    /// Words in the sentence.
    pub words: u16,
    /// Entities in the sentence.
    pub entities: u8,
    /// The official actor's words (byte range): present when the sentence is an official
    /// actor's.
    pub actor: Option<(usize, usize)>,
    /// The attribution model's probability that the sentence reports a source.
    pub attributed: f32,
    /// The speaker comes from another sentence: a quotation or statement that goes on.
    pub continued: bool,
    /// The speaker is on the other side of a decision: the opposition, a rival, critics,
    /// campaigners ("shadow health secretary", "rival firm", "opponents of the plan").
    pub opposition: bool,
    /// A modal of commitment by the acting side ("we will", "the ministry would"): a pledge or
    /// a plan, not a guess.
    pub pledge: bool,
    /// A modal of likelihood without the acting side's commitment ("could", "may", "likely"
    /// from an analyst or the writer): a forecast.
    pub forecast: bool,
    /// The speaker is the story's main actor: the first person or organisation of its title
    /// and lead, whose decision the story is usually about.
    pub main_actor: bool,
    /// The speaker is named and is someone else than the main actor: another side, or another
    /// official reacting.
    pub other_speaker: bool,
    /// Negative evaluation words ("ridiculous", "lie", "disappointed"; [`crate::evaluation`])
    /// outside and inside quotation marks; names left out.
    pub negative: u8,
    pub negative_quoted: u8,
    /// A verb of institutional action outside quotation marks ("jailed", "abolished",
    /// "limited"): a reported decision without a speech verb.
    pub decision: bool,
    /// The speaker is a person with a title of office ("Sheriff", "Prime Minister", "Judge").
    pub office: bool,
    /// The speaker is on the story's acting side (`stance::pass`, `Sides`): the main actor
    /// (the person or organisation named most, the title, the lead and reported decisions
    /// counting more), someone named with it, or its institution's voice.
    pub acting_side: bool,
}
