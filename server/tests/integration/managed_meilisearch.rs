//! The Meilisearch that Beltlink runs itself: key kept across starts, a
//! leftover from a crash replaced, admin commands able to find it, started
//! again when it dies.

use crate::common;

use app::search::managed::{self, ManagedMeilisearch};
use common::meili_binary;

fn is_gone(pid: u32) -> bool {
    // A killed child of this test process lingers as a zombie until reaped; that counts as gone.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

#[tokio::test]
async fn a_leftover_from_a_crash_is_replaced_and_the_key_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let first = ManagedMeilisearch::start(&meili_binary(), dir.path(), None).await.unwrap();
    let (old_pid, key) = (first.pid().unwrap(), first.master_key.clone());
    let key_file = dir.path().join("master-key");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777, 0o600, "the key is private");

    let (url, attached_key) = managed::running(dir.path()).expect("admin commands can find the running one");
    assert_eq!((url, attached_key), (first.url.clone(), key.clone()));

    // As if Beltlink had died without stopping its child.
    std::mem::forget(first);
    let second = ManagedMeilisearch::start(&meili_binary(), dir.path(), None).await.unwrap();
    assert!(is_gone(old_pid), "the leftover was stopped");
    assert_eq!(second.master_key, key, "the generated key is reused");
    let new_pid = second.pid().unwrap();
    second.stop().await;
    assert!(is_gone(new_pid));
    assert!(managed::running(dir.path()).is_none(), "nothing to attach to once stopped");
}

#[tokio::test]
async fn a_missing_binary_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = ManagedMeilisearch::start(&dir.path().join("no-meilisearch"), dir.path(), None).await.err().unwrap();
    assert!(err.to_string().contains("MEILI_BIN"), "{err}");
}

#[tokio::test]
async fn a_supervised_meilisearch_that_dies_is_started_again_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let binary = meili_binary();
    let supervised = ManagedMeilisearch::start(&binary, dir.path(), None).await.unwrap().supervise(&binary);
    let search = app::search::service::SearchService::new(&supervised.url, &supervised.master_key, "kept").unwrap();
    search.prepare_index("kept").await.unwrap();

    let first_pid = supervised.pid();
    // As the kernel's OOM killer would.
    assert!(std::process::Command::new("kill").args(["-KILL", &first_pid.to_string()]).status().unwrap().success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while supervised.restarts() == 0 {
        assert!(std::time::Instant::now() < deadline, "not started again within a minute");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(is_gone(first_pid));
    assert_ne!(supervised.pid(), first_pid);
    assert!(search.client().get_index("kept").await.is_ok(), "same address, same key, same data");

    // Stopping on purpose is not a crash: nothing comes back.
    let last_pid = supervised.pid();
    supervised.stop().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(is_gone(last_pid));
    assert!(managed::running(dir.path()).is_none());
}

#[tokio::test]
async fn searches_use_a_key_that_may_only_search() {
    let db = common::sqlite().await;
    let meili = common::TestMeili::start().await;
    let search = meili.service();
    common::seeded(&db.db, &search).await;
    search.use_search_only_key().await.unwrap();
    let read_key = search.read_key();
    assert_ne!(read_key, meili.key, "not the master key");
    let hits = common::search_hrefs(&search, "eyelashes").await;
    assert!(!hits.is_empty(), "searches still find things");
    // Found again on the next start rather than made twice.
    let again = meili.service();
    again.use_search_only_key().await.unwrap();
    assert_eq!(again.read_key(), read_key);
    // The key searches and nothing more.
    let reader = meilisearch_sdk::client::Client::new(format!("http://127.0.0.1:{}", meili.port), Some(read_key)).unwrap();
    assert!(reader.get_keys().await.is_err(), "cannot read keys");
    assert!(reader.index("beltlink").delete_all_documents().await.is_err(), "cannot write");
    assert!(reader.create_index("other", None).await.is_err(), "cannot make indexes");
}
