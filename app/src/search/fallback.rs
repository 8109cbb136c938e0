//! Search from the database, for when Meilisearch cannot be reached: each
//! word must appear (case aside) in a name or description. No synonyms,
//! Chinese sub-words, ranking, highlights or facets besides the kind; the
//! page says so. Slower and plainer, but it answers.

use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoColumnRef, LikeExpr, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::belts::repo::DirectorySnapshot;
use crate::entities::{belt, brief, organisation, service_offering, supply_profile};
use crate::i18n::Bilingual;
use crate::search::document::{self, EntityKind};
use crate::search::query::{Facet, ResultKind, SearchQuery, PAGE_SIZE};
use crate::search::results::{belt_choices, hit, narrowing_label};
use crate::search::service::FoundHit;
use crate::search::types::SearchResults;
use crate::suppliers::types::ProfileStatus;

/// Characters of a description shown under a hit.
const SNIPPET_CHARS: usize = 120;

/// `column` contains `word`, ignoring ASCII case; `%`, `_` and `\` in the word are literal.
fn contains(column: impl IntoColumnRef, word: &str) -> Condition {
    let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let pattern = LikeExpr::new(format!("%{}%", escaped.to_lowercase())).escape('\\');
    Condition::all().add(Expr::expr(Func::lower(Expr::col(column))).like(pattern))
}

/// Every word in at least one of the columns.
fn every_word_in<C: IntoColumnRef + Copy>(words: &[String], columns: &[C]) -> Condition {
    words
        .iter()
        .fold(Condition::all(), |all, word| all.add(columns.iter().fold(Condition::any(), |any, col| any.add(contains(*col, word)))))
}

/// The ids of one kind's matches on the requested slice, and how many match in all.
async fn ids<C: ConnectionTrait>(db: &C, kind: EntityKind, words: &[String], offset: u64, limit: u64) -> Result<(u64, Vec<i32>), DbErr> {
    macro_rules! page {
        ($select:expr, $id:expr) => {{
            let select = $select;
            let total = select.clone().count(db).await?;
            let ids: Vec<i32> = if limit == 0 || offset >= total {
                Vec::new()
            } else {
                select.select_only().column($id).order_by_asc($id).offset(offset).limit(limit).into_tuple().all(db).await?
            };
            (total, ids)
        }};
    }
    Ok(match kind {
        EntityKind::Belt => {
            use belt::Column as C;
            let columns = [C::NameZh, C::NameEn, C::SummaryZh, C::SummaryEn, C::CityZh, C::CityEn];
            page!(belt::Entity::find().filter(every_word_in(words, &columns)).filter(document::searchable(kind)), C::Id)
        }
        EntityKind::SupplyProfile => {
            use supply_profile::Column as C;
            let firms_named = Query::select()
                .column(organisation::Column::Id)
                .from(organisation::Entity)
                .cond_where(every_word_in(words, &[organisation::Column::NameZh, organisation::Column::NameEn]))
                .to_owned();
            let text = every_word_in(words, &[C::ProductsZh, C::ProductsEn]);
            page!(
                supply_profile::Entity::find()
                    .filter(document::searchable(kind))
                    .filter(Condition::any().add(text).add(C::OrganisationId.in_subquery(firms_named))),
                C::Id
            )
        }
        EntityKind::Organisation => {
            use organisation::Column as C;
            let shown_as_supplier = Query::select()
                .column(supply_profile::Column::OrganisationId)
                .from(supply_profile::Entity)
                .and_where(supply_profile::Column::Status.eq(ProfileStatus::Published.code()))
                .to_owned();
            let columns = [C::NameZh, C::NameEn, C::DescriptionZh, C::DescriptionEn];
            page!(
                organisation::Entity::find()
                    .filter(every_word_in(words, &columns))
                    .filter(C::Id.not_in_subquery(shown_as_supplier))
                    .filter(document::searchable(kind)),
                C::Id
            )
        }
        EntityKind::Offering => {
            use service_offering::Column as C;
            let columns = [C::TitleZh, C::TitleEn, C::DescriptionZh, C::DescriptionEn];
            page!(service_offering::Entity::find().filter(document::searchable(kind)).filter(every_word_in(words, &columns)), C::Id)
        }
        EntityKind::Brief => {
            use brief::Column as C;
            let columns = [C::TitleZh, C::TitleEn, C::DetailsZh, C::DetailsEn];
            page!(brief::Entity::find().filter(document::searchable(kind)).filter(every_word_in(words, &columns)), C::Id)
        }
        EntityKind::Event => {
            use crate::entities::event::Column as C;
            let columns = [C::TitleZh, C::TitleEn, C::DescriptionZh, C::DescriptionEn, C::CityZh, C::CityEn, C::VenueZh, C::VenueEn];
            page!(crate::entities::event::Entity::find().filter(document::searchable(kind)).filter(every_word_in(words, &columns)), C::Id)
        }
        EntityKind::PolicyNotice => {
            use crate::entities::policy_notice::Column as C;
            let columns = [C::TitleZh, C::TitleEn, C::IssuerZh, C::IssuerEn, C::SummaryZh, C::SummaryEn, C::AmountZh, C::AmountEn];
            page!(
                crate::entities::policy_notice::Entity::find().filter(document::searchable(kind)).filter(every_word_in(words, &columns)),
                C::Id
            )
        }
        EntityKind::TalentProgram => {
            use crate::entities::talent_program::Column as C;
            let columns = [C::TitleZh, C::TitleEn, C::SummaryZh, C::SummaryEn, C::CityZh, C::CityEn, C::CurriculumZh, C::CurriculumEn];
            page!(
                crate::entities::talent_program::Entity::find().filter(document::searchable(kind)).filter(every_word_in(words, &columns)),
                C::Id
            )
        }
    })
}

fn entity_kind(kind: ResultKind) -> EntityKind {
    match kind {
        ResultKind::Belt => EntityKind::Belt,
        ResultKind::Supplier => EntityKind::SupplyProfile,
        ResultKind::Organisation => EntityKind::Organisation,
        ResultKind::Offering => EntityKind::Offering,
        ResultKind::Brief => EntityKind::Brief,
        ResultKind::Event => EntityKind::Event,
        ResultKind::PolicyNotice => EntityKind::PolicyNotice,
        ResultKind::TalentProgram => EntityKind::TalentProgram,
    }
}

fn shortened(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    match first_line.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &first_line[..cut]),
        None => first_line.to_string(),
    }
}

/// One page of results from the database. Only the words, the kind and the
/// page of `query` are applied.
///
/// # Errors
/// On a database failure.
pub async fn search<C: ConnectionTrait>(db: &C, query: &SearchQuery, directory: &DirectorySnapshot) -> Result<SearchResults, DbErr> {
    let words: Vec<String> = query.q.split_whitespace().map(str::to_string).collect();
    let kinds: Vec<EntityKind> = match query.filters.get(&Facet::Kind).and_then(|k| ResultKind::from_code(k)) {
        Some(kind) => vec![entity_kind(kind)],
        None => ResultKind::ALL.iter().copied().map(entity_kind).collect(),
    };
    let mut skip = u64::from(query.page - 1) * PAGE_SIZE as u64;
    let mut wanted = PAGE_SIZE as u64;
    let mut total = 0u64;
    let mut found = Vec::new();
    for kind in kinds {
        let (count, page) = ids(db, kind, &words, skip, wanted).await?;
        total += count;
        skip = skip.saturating_sub(count);
        wanted -= page.len() as u64;
        let mut docs = document::load_many(db, kind, page.clone()).await?;
        for id in page {
            if let Some(doc) = docs.remove(&id) {
                found.push(FoundHit {
                    name: Bilingual::new(doc.name_zh.clone(), doc.name_en.clone()),
                    snippet: Bilingual::new(shortened(&doc.summary_zh), shortened(&doc.summary_en)),
                    doc,
                });
            }
        }
    }
    let mut shown = SearchQuery { filters: Default::default(), near: None, ..query.clone() };
    if let Some(kind) = query.filters.get(&Facet::Kind) {
        shown.filters.insert(Facet::Kind, kind.clone());
    }
    Ok(SearchResults {
        hits: found.into_iter().map(|h| hit(h, None)).collect(),
        total: total as usize,
        total_pages: total.div_ceil(PAGE_SIZE as u64) as u32,
        facets: Vec::new(),
        active: shown.narrowings().into_iter().map(|n| (n, narrowing_label(&shown, n, directory))).collect(),
        suggestion: None,
        belts: belt_choices(directory),
        fallback: true,
        dropped_words: Vec::new(),
        searched_for: None,
        query: shown,
    })
}
