//! Opening and migrating the database (SQLite by default, PostgreSQL too).

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// Connects, creating a SQLite file if it does not exist yet.
///
/// # Errors
/// When the database cannot be reached or opened.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let url = if url.starts_with("sqlite:") && !url.contains("mode=") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_string()
    };
    let is_sqlite = url.starts_with("sqlite:");
    let mut options = ConnectOptions::new(url);
    options.max_connections(16).min_connections(1).sqlx_logging(false);
    // A ping before every checkout costs a round trip per query. A SQLite
    // file cannot go stale; a PostgreSQL connection is checked after a pause.
    if is_sqlite {
        options.test_before_acquire(false);
    } else {
        options.test_before_acquire_if_idle_for(std::time::Duration::from_secs(30));
    }
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // WAL lets page reads go on while the outbox worker and admin commands write.
        db.execute_unprepared("PRAGMA journal_mode=WAL").await?;
        db.execute_unprepared("PRAGMA synchronous=NORMAL").await?;
    }
    Ok(db)
}

/// Applies every pending migration.
///
/// # Errors
/// When a migration fails; the database is left at the last one applied.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Begins a transaction that will write. On SQLite it takes the write lock
/// at `BEGIN`: a deferred transaction that reads and then writes fails at once
/// (busy, without waiting) if another connection wrote in between, while
/// `BEGIN IMMEDIATE` waits its turn. PostgreSQL ignores the mode.
///
/// # Errors
/// When the database cannot start the transaction.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
