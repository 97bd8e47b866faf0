//! Reading every article of the collection, with the reader's annotations, for the pack-wide
//! who-says-what (`speakers::add_to_collection` does the merging).

use super::fetch::fetch_text;
use crate::speakers::{add_to_collection, sort_collection, CollectionSpeaker};
use crate::state::{Article, Doc};
use crate::storage::{self, ManifestEntry};

pub async fn collection_speakers(entries: Vec<ManifestEntry>) -> Result<Vec<CollectionSpeaker>, String> {
    let mut out = Vec::new();
    for entry in entries {
        let text = fetch_text(&entry.url(), "an article").await?;
        let article = Article::new(entry.id.clone(), crate::analysis_client::analyze_or_outline(&text).await);
        let doc = Doc::new(&article, storage::load_annotations(&entry.id, &article.analysis.text).annotations);
        add_to_collection(&mut out, &entry.title, &article, Some(&doc));
    }
    sort_collection(&mut out);
    Ok(out)
}
