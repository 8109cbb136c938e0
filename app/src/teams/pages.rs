//! `/orgs/{slug}/team` (the people, invitations, roles, leaving) and
//! `/invitation` (the page an invitation email links to).

use crate::clock::When;
use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::accounts::types::MemberRole;
use crate::error::AppError;
use crate::forms::{form_errors, form_failure, Field, FormFailure};
use crate::layout::{encode_component, ErrorPage};
use crate::teams::api::{
    invitation, team, AcceptInvitation, ChangeTeammateRole, InviteTeammate, LeaveTeam, RemoveTeammate, RevokeInvitation,
};
use crate::teams::texts::team_texts;
use crate::teams::types::{InvitationState, InvitationView, PendingInvitation, TeamView, Teammate};
use crate::use_lang;

/// The notice a team change leaves in the address it lands on.
fn landing_notice(query: &leptos_router::params::ParamsMap, lang: crate::i18n::Lang) -> Option<&'static str> {
    let t = team_texts(lang);
    [("invited", t.invited), ("revoked", t.revoked), ("changed", t.changed), ("removed", t.removed), ("joined", t.joined)]
        .into_iter()
        .find(|(key, _)| query.get(key).is_some())
        .map(|(_, text)| text)
}

#[component]
pub fn TeamPage() -> impl IntoView {
    use crate::accounts::pages::SignInRequired;
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    // Keyed on the query too: each change lands on its own address, which reads the team afresh.
    let view_of_team =
        Resource::new(move || (params.get().get("slug").unwrap_or_default(), query.get().to_query_string()), |(slug, _)| team(slug));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match view_of_team.await {
                    Ok(found) => EitherOf3::A(view! { <TeamSections found/> }),
                    Err(AppError::SignInRequired) => EitherOf3::B(view! { <SignInRequired/> }),
                    Err(error) => EitherOf3::C(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TeamSections(found: TeamView) -> impl IntoView {
    let lang = use_lang();
    let t = team_texts(lang);
    let query = use_query_map();
    let notice = landing_notice(&query.get_untracked(), lang);
    let name = found.name.get(lang).to_string();
    let slug = found.slug.clone();
    view! {
        <Title text=format!("{} · {name} · {}", t.title, lang.texts().site_name)/>
        <section class="form-page team">
            <p class="breadcrumbs"><a href=format!("/orgs/{slug}")>{name.clone()}</a></p>
            <h1>{t.title}</h1>
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <p class="lead">{t.lead}</p>
            <MemberList slug=slug.clone() members=found.members.clone() may_manage=found.may_manage/>
            {found.may_manage.then(|| view! {
                <InviteForm slug=slug.clone() sender_confirmed=found.may_send_invitations/>
                <InvitationList slug=slug.clone() invitations=found.invitations.clone()/>
            })}
            {found.own_role.is_some().then(|| view! { <LeaveForm slug=slug.clone()/> })}
        </section>
    }
}

fn role_options(chosen: Option<MemberRole>, lang: crate::i18n::Lang) -> impl IntoView {
    MemberRole::ALL.into_iter().map(|r| view! { <option value=r.code() selected=chosen == Some(r)>{r.label(lang)}</option> }).collect_view()
}

#[component]
fn MemberList(slug: String, members: Vec<Teammate>, may_manage: bool) -> impl IntoView {
    let lang = use_lang();
    let t = team_texts(lang);
    let change = ServerAction::<ChangeTeammateRole>::new();
    let remove = ServerAction::<RemoveTeammate>::new();
    let change_errors = form_errors(change);
    let remove_errors = form_errors(remove);
    // A refusal (the last owner) is told above the list, from either form.
    let refusal = move || change_errors.get().problem("member").or(remove_errors.get().problem("member")).map(|p| p.message(lang));
    view! {
        <FormFailure failure=form_failure(change)/>
        <FormFailure failure=form_failure(remove)/>
        <p class="form-failure" role="alert" hidden=move || refusal().is_none()>{refusal}</p>
        <ul class="team-list">
            {members.into_iter().map(|m| {
                let slug = slug.clone();
                view! {
                    <li class="teammate">
                        <div class="who">
                            <strong>{m.display_name.clone()}{m.is_viewer.then_some(t.you)}</strong>
                            <span class="email">{m.email.clone()}</span>
                            <span class="muted">{m.role.label(lang)}" · "{t.since}" "<When at=m.since date_only=true/></span>
                        </div>
                        {may_manage.then(move || {
                            let select_id = format!("role-{}", m.user_id);
                            let slug_again = slug.clone();
                            view! {
                                <div class="teammate-actions">
                                <ActionForm action=change attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug/>
                                    <input type="hidden" name="user_id" value=m.user_id.to_string()/>
                                    <label for=select_id.clone() class="visually-hidden">{t.role}</label>
                                    <select id=select_id name="role">{role_options(Some(m.role), lang)}</select>
                                    <button type="submit" class="secondary">{t.change_role}</button>
                                </ActionForm>
                                // One leaves one's own team below, rather than removing oneself.
                                {(!m.is_viewer).then(|| view! {
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="slug" value=slug_again/>
                                        <input type="hidden" name="user_id" value=m.user_id.to_string()/>
                                        <button type="submit" class="secondary danger">{t.remove}</button>
                                    </ActionForm>
                                })}
                                </div>
                            }
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn InviteForm(slug: String, sender_confirmed: bool) -> impl IntoView {
    let lang = use_lang();
    let t = team_texts(lang);
    let action = ServerAction::<InviteTeammate>::new();
    let errors = form_errors(action);
    let chosen = errors.get_untracked().value("role").and_then(MemberRole::from_code).unwrap_or(MemberRole::Editor);
    let role_problem = move || errors.get().problem("role").map(|p| p.message(lang));
    view! {
        <section class="invite" id="invite">
            <h2>{t.invite_title}</h2>
            <p class="muted">{t.invite_lead}</p>
            {(!sender_confirmed).then(|| view! {
                <p class="notice" role="status">{t.confirm_first}{lang.pick("", " ")}<a href="/account">{t.confirm_first_link}</a></p>
            })}
            <FormFailure failure=form_failure(action)/>
            <crate::forms::ErrorSummary errors fields=vec![("email", t.email), ("role", t.role)]/>
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                <Field name="email" label=t.email input_type="email" autocomplete="off" maxlength=254 required=true errors/>
                <div class="field" class:invalid=move || role_problem().is_some()>
                    <label for="field-role">{t.role}</label>
                    <ul class="hint">{t.roles_explained.iter().map(|line| view! { <li>{*line}</li> }).collect_view()}</ul>
                    <select id="field-role" name="role" aria-describedby="field-role-error">{role_options(Some(chosen), lang)}</select>
                    <p class="field-error" id="field-role-error" role="alert">{role_problem}</p>
                </div>
                <button type="submit" disabled=move || action.pending().get()>{t.invite}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn InvitationList(slug: String, invitations: Vec<PendingInvitation>) -> impl IntoView {
    let lang = use_lang();
    let t = team_texts(lang);
    let revoke = ServerAction::<RevokeInvitation>::new();
    view! {
        <section class="invitations">
            <h2>{t.invitations}</h2>
            <FormFailure failure=form_failure(revoke)/>
            {if invitations.is_empty() {
                Either::Left(view! { <p class="muted">{t.no_invitations}</p> })
            } else {
                Either::Right(view! {
                    <ul class="team-list">
                        {invitations.into_iter().map(|i| {
                            let slug = slug.clone();
                            view! {
                            <li class="teammate">
                                <div class="who">
                                    <strong class="email">{i.email.clone()}</strong>
                                    <span class="muted">
                                        {i.role.label(lang)}" · "{t.invited_by}" "{i.invited_by.clone()}" · "{t.expires}" "<When at=i.expires_at/>
                                    </span>
                                </div>
                                <ActionForm action=revoke attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug/>
                                    <input type="hidden" name="id" value=i.id.to_string()/>
                                    <button type="submit" class="secondary">{t.revoke}</button>
                                </ActionForm>
                            </li>
                        }}).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

#[component]
fn LeaveForm(slug: String) -> impl IntoView {
    let lang = use_lang();
    let t = team_texts(lang);
    let action = ServerAction::<LeaveTeam>::new();
    let errors = form_errors(action);
    let problem = move || errors.get().problem("leave").map(|p| p.message(lang));
    view! {
        <section class="leave" id="leave">
            <h2>{t.leave_title}</h2>
            <p class="muted">{t.leave_lead}</p>
            <FormFailure failure=form_failure(action)/>
            <p class="form-failure" role="alert" hidden=move || problem().is_none()>{problem}</p>
            <ActionForm action>
                <input type="hidden" name="slug" value=slug/>
                <button type="submit" class="secondary danger">{t.leave}</button>
            </ActionForm>
        </section>
    }
}

/// `/invitation?token=…`: what the invitation is, and the button that accepts it.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let lang = use_lang();
    let t = team_texts(lang);
    let token = use_query_map().get_untracked().get("token").unwrap_or_default();
    let found = Resource::new(move || token.clone(), invitation);
    view! {
        <Title text=format!("{} · {}", t.invitation_title, lang.texts().site_name)/>
        <Suspense fallback=move || view! { <p class="loading">{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(view) => Either::Left(view! { <InvitationDetail view/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InvitationDetail(view: InvitationView) -> impl IntoView {
    let lang = use_lang();
    let t = team_texts(lang);
    let token = use_query_map().get_untracked().get("token").unwrap_or_default();
    let back = encode_component(&format!("/invitation?token={token}"));
    let action = ServerAction::<AcceptInvitation>::new();
    let refused = form_errors(action);
    let link_problem = move || refused.get().problem("token").map(|p| p.message(lang));
    let organisation = view.organisation.get(lang).to_string();
    let for_this_address = view.signed_in_as.as_deref().map(|me| me.eq_ignore_ascii_case(&view.email));
    let body = match (view.state, for_this_address) {
        (InvitationState::Accepted, _) => EitherOf4::A(view! { <p class="notice">{t.state_accepted}</p> }.into_any()),
        (InvitationState::Revoked, _) => EitherOf4::A(view! { <p class="notice">{t.state_revoked}</p> }.into_any()),
        (InvitationState::Expired, _) => EitherOf4::A(view! { <p class="notice">{t.state_expired}</p> }.into_any()),
        (InvitationState::Open, None) => EitherOf4::B(view! {
            <p>{t.sign_in_to_accept}" "<strong class="email">{view.email.clone()}</strong></p>
            <p class="actions">
                <a class="button-link" href=format!("/signin?next={back}")>{t.sign_in}</a>
                <a class="button-link secondary" href=format!("/signup?next={back}")>{t.sign_up}</a>
            </p>
        }),
        (InvitationState::Open, Some(false)) => EitherOf4::C(view! { <p class="form-failure" role="alert">{t.wrong_account}</p> }),
        (InvitationState::Open, Some(true)) => EitherOf4::D(view! {
            <FormFailure failure=form_failure(action)/>
            <p class="form-failure" role="alert" hidden=move || link_problem().is_none()>{link_problem}</p>
            <ActionForm action>
                <input type="hidden" name="token" value=token.clone()/>
                <button type="submit" disabled=move || action.pending().get()>{t.accept}</button>
            </ActionForm>
        }),
    };
    view! {
        <section class="form-page invitation">
            <h1>{t.invitation_title}</h1>
            <p class="lead">
                {t.invitation_lead}" "<a href=format!("/orgs/{}", view.slug)>{organisation}</a>
                " · "{view.role.label(lang)}
            </p>
            {(!view.invited_by.is_empty()).then(|| view! { <p class="muted">{t.invited_by}" "{view.invited_by.clone()}</p> })}
            {body}
        </section>
    }
}
