use leptos::prelude::*;

use crate::error::AppError;
use crate::orgs::types::OrgDetail;

/// One organisation. Public.
#[server(prefix = "/api", endpoint = "organisation")]
pub async fn get_organisation(slug: String) -> Result<OrgDetail, AppError> {
    let state = crate::state::app_state()?;
    crate::orgs::repo::detail(&state.db, &slug).await
}
