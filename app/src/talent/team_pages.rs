//! A competition's teams on its page (forming one, inviting, answering,
//! the submission link, leaving) and in the organisers' review.

use leptos::either::Either;
use leptos::prelude::*;

use crate::forms::{form_errors, form_failure, ErrorSummary, Field, FormFailure};
use crate::talent::application_pages::own_errors;
use crate::talent::team_api::{AnswerTeamInvitation, FormTeam, InviteToTeam, LeaveCompetitionTeam, RevokeTeamInvitation, SubmitTeamWork};
use crate::talent::teams::{LINK_MAX, NAME_MAX, TEAM_MAX};
use crate::talent::texts::texts;
use crate::talent::types::*;
use crate::use_lang;

/// The teams section of competition `slug`'s page.
#[component]
pub fn TeamsSection(slug: String, panel: TeamsPanel) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let count = match panel.count {
        0 => s.teams_none.to_string(),
        1 => s.teams_count_one.to_string(),
        n => s.teams_count.replace("{n}", &n.to_string()),
    };
    let body =
        if !panel.signed_in {
            Either::Left(panel.forming.then(
                || view! { <p><a class="button-link" href=format!("/signin?next=/programs/{slug}%23teams")>{s.teams_sign_in}</a></p> },
            ))
        } else {
            let invitations =
                (!panel.invitations.is_empty() && panel.forming).then(|| view! { <Invitations invitations=panel.invitations.clone()/> });
            let own = match panel.mine.clone() {
                Some(team) => Either::Left(view! { <TeamView team forming=panel.forming submitting=panel.submitting/> }),
                None if !panel.forming => Either::Right(view! { <p class="muted">{s.teams_closed}</p> }.into_any()),
                None if !panel.may_team_up => Either::Right(view! { <p class="muted">{s.teams_apply_first}</p> }.into_any()),
                None => Either::Right(view! { <FormTeamForm slug=slug.clone()/> }.into_any()),
            };
            Either::Right(view! { {invitations} {own} })
        };
    view! {
        <section class="teams" id="teams">
            <h2>{s.teams_title}</h2>
            <p class="hint">{s.teams_lead}</p>
            <p>{count}</p>
            {body}
        </section>
    }
}

#[component]
fn FormTeamForm(slug: String) -> impl IntoView {
    let s = texts(use_lang());
    let action = ServerAction::<FormTeam>::new();
    let errors = form_errors(action);
    view! {
        <FormFailure failure=form_failure(action)/>
        <ErrorSummary errors fields=vec![("team_name", s.team_name)]/>
        <ActionForm action attr:class="team-form">
            <input type="hidden" name="slug" value=slug/>
            <Field name="team_name" label=s.team_name hint=s.team_name_hint maxlength=NAME_MAX errors/>
            <button type="submit" disabled=move || action.pending().get()>{s.form_team}</button>
        </ActionForm>
    }
}

/// Invitations to the viewer, each answered on its own.
#[component]
fn Invitations(invitations: Vec<TeamInvite>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let action = ServerAction::<AnswerTeamInvitation>::new();
    let refused = form_errors(action);
    view! {
        <h3>{s.invitations_to_you}</h3>
        <ul class="team-invitations">
            {invitations.into_iter().map(|invite| {
                let errors = own_errors(refused, invite.id);
                let id = invite.id.to_string();
                let text = s.invitation_from.replace("{team}", &invite.team).replace("{captain}", &invite.captain);
                view! {
                    <li>
                        <p>{text}</p>
                        <ErrorSummary errors fields=vec![("answer", s.invitations_to_you)]/>
                        <ActionForm action attr:class="inline-form">
                            <input type="hidden" name="id" value=id.clone()/>
                            <button type="submit" name="answer" value="accept">{s.accept}</button>
                            " "
                            <button type="submit" name="answer" value="decline" class="link-button">{s.decline_invitation}</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The viewer's team: its people, invitations, link, and what they may do.
#[component]
fn TeamView(team: MyTeam, forming: bool, submitting: bool) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    let invite = ServerAction::<InviteToTeam>::new();
    let revoke = ServerAction::<RevokeTeamInvitation>::new();
    let submit = ServerAction::<SubmitTeamWork>::new();
    let leave = ServerAction::<LeaveCompetitionTeam>::new();
    let invite_errors = own_errors(form_errors(invite), team.id);
    let submit_errors = own_errors(form_errors(submit), team.id);
    let leave_errors = own_errors(form_errors(leave), team.id);
    let id = team.id.to_string();
    let (invite_id, submit_id) = (id.clone(), id.clone());
    let room = team.members.len() + team.pending.len() < TEAM_MAX;
    let link = team.submission.clone();
    let pending = team.pending.clone();
    let captain = team.captain;
    // The form starts from the saved link (a refused one comes back from the errors).
    let submit_errors = Signal::derive(move || {
        let mut found = submit_errors.get();
        if found.value("link").is_none() {
            found.keep("link", link.as_deref().unwrap_or_default());
        }
        found
    });
    view! {
        <div class="my-team">
            <h3>{s.your_team}{team.name.clone()}{team.captain.then_some(s.you_captain)}</h3>
            <dl class="facts">
                <dt>{s.captain}</dt><dd>{team.captain_name.clone()}</dd>
                <dt>{s.team_members}</dt><dd>{team.members.join(lang.pick("、", ", "))}</dd>
                <dt>{s.submission}</dt>
                <dd>{match team.submission.clone() {
                    Some(url) => Either::Left(view! { <a href=url.clone() rel="external nofollow noopener ugc" target="_blank">{url.clone()}</a> }),
                    None => Either::Right(view! { <span class="muted">{s.no_submission}</span> }),
                }}</dd>
            </dl>
            {(!pending.is_empty()).then(|| view! {
                <h4>{s.invited_waiting}</h4>
                <ul class="pending-invitations">
                    {pending.into_iter().map(|(invitation, name)| view! {
                        <li>
                            {name}
                            {(captain && forming).then(|| view! {
                                " "
                                <ActionForm action=revoke attr:class="inline-form">
                                    <input type="hidden" name="id" value=invitation.to_string()/>
                                    <button type="submit" class="link-button danger">{s.revoke_invitation}</button>
                                </ActionForm>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(team.captain && forming).then(|| if room {
                Either::Left(view! {
                    <FormFailure failure=form_failure(invite)/>
                    <ErrorSummary errors=invite_errors fields=vec![("email", s.invite_email)]/>
                    <ActionForm action=invite attr:class="team-invite-form">
                        <input type="hidden" name="team" value=invite_id.clone()/>
                        <Field name="email" label=s.invite_email input_type="email" autocomplete="off" errors=invite_errors/>
                        <button type="submit" disabled=move || invite.pending().get()>{s.invite}</button>
                    </ActionForm>
                })
            } else {
                Either::Right(view! { <p class="muted">{s.team_full}</p> })
            })}
            {submitting.then(|| view! {
                <FormFailure failure=form_failure(submit)/>
                <ErrorSummary errors=submit_errors fields=vec![("link", s.submission)]/>
                <ActionForm action=submit attr:class="team-link-form">
                    <input type="hidden" name="team" value=submit_id.clone()/>
                    <Field name="link" label=s.submission hint=s.submission_hint input_type="url" maxlength=LINK_MAX errors=submit_errors/>
                    <button type="submit" disabled=move || submit.pending().get()>{s.save_submission}</button>
                </ActionForm>
            })}
            {forming.then(|| view! {
                <ErrorSummary errors=leave_errors fields=vec![("leave", s.leave_team)]/>
                <ActionForm action=leave attr:class="inline-form">
                    <input type="hidden" name="team" value=id.clone()/>
                    <button type="submit" class="link-button danger">{s.leave_team}</button>
                </ActionForm>
                <p class="hint">{s.leave_team_hint}</p>
            })}
        </div>
    }
}

/// A competition's teams for its organisers.
#[component]
pub fn TeamsTable(teams: Vec<TeamSummary>) -> impl IntoView {
    let lang = use_lang();
    let s = texts(lang);
    view! {
        <section class="teams" id="teams">
            <h2>{s.teams_title}</h2>
            {if teams.is_empty() {
                Either::Left(view! { <p class="muted">{s.teams_none}</p> })
            } else {
                Either::Right(view! {
                    <div class="table-scroll">
                        <table class="dashboard-table">
                            <thead><tr><th scope="col">{s.teams_table_team}</th><th scope="col">{s.captain}</th><th scope="col">{s.teams_table_members}</th><th scope="col">{s.teams_table_link}</th></tr></thead>
                            <tbody>
                                {teams.into_iter().map(|team| view! {
                                    <tr>
                                        <th scope="row">{team.name}</th>
                                        <td>{team.captain}</td>
                                        <td>{team.members.join(lang.pick("、", ", "))}</td>
                                        <td>{match team.submission {
                                            Some(url) => Either::Left(view! { <a href=url.clone() rel="external nofollow noopener ugc" target="_blank">{url.clone()}</a> }),
                                            None => Either::Right(view! { <span class="muted">"—"</span> }),
                                        }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })
            }}
        </section>
    }
}
