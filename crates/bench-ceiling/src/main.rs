//! The ceiling of the benchmarks: what actix-web and sqlx reach on this machine for hexstack's
//! three authenticated hot paths, so that each of hexstack's figures can also be read as a
//! fraction of what its stack can do (`scripts/bench.sh --peer`, docs/benchmarks.md).
//!
//! It runs exactly hexstack's statements (imported from the SQL adapter, not copied) on the
//! database a hexstack server created and seeded, checks the bearer token's HS256 signature with
//! the same key and library, and writes the same JSON. It leaves out everything else hexstack
//! does per request: the session and account rules (revoked, expired, inactive), request ids,
//! tracing, metrics, security headers, CORS, the template's validation and error shapes, and the
//! domain's value types. PostgreSQL only; not a server to deploy.
//!
//!   DATABASE_URL=postgresql://... SECRET_KEY=... hexstack-ceiling 127.0.0.1:PORT

use actix_web::http::StatusCode;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use chrono::{DateTime, SecondsFormat, Utc};
use hexstack_adapters_sql::hot_path_sql::{INSERT_ITEM, ITEMS_OF_OWNER, USER_WITH_SESSION};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};
use sqlx::{Row as _, postgres::Postgres};
use uuid::Uuid;

struct Ceiling {
    pool: PgPool,
    key: DecodingKey,
    validation: Validation,
}

#[derive(Deserialize)]
struct Claims {
    sub: Uuid,
    sid: Option<Uuid>,
}

#[derive(Serialize)]
struct UserPublic {
    email: String,
    is_active: bool,
    is_superuser: bool,
    full_name: Option<String>,
    id: Uuid,
    created_at: Option<String>,
}

#[derive(Serialize)]
struct ItemPublic {
    title: String,
    description: Option<String>,
    id: Uuid,
    owner_id: Uuid,
    created_at: Option<String>,
}

#[derive(Serialize)]
struct ItemsPublic {
    data: Vec<ItemPublic>,
    count: i64,
}

#[derive(Deserialize)]
struct ItemCreate {
    title: String,
    description: Option<String>,
}

#[derive(Deserialize)]
struct Paging {
    #[serde(default)]
    skip: i64,
    #[serde(default = "default_limit")]
    limit: i64,
}

const fn default_limit() -> i64 {
    100
}

/// The original's `isoformat()` of a UTC time as hexstack writes it (micros unless zero, `Z`).
fn timestamp(time: Option<DateTime<Utc>>) -> Option<String> {
    time.map(|t| match t.timestamp_subsec_micros() {
        0 => t.to_rfc3339_opts(SecondsFormat::Secs, true),
        _ => t.to_rfc3339_opts(SecondsFormat::Micros, true),
    })
}

/// Why a request is refused: its status, with no body.
type Refusal = StatusCode;

/// The user the bearer token names, read with the session in hexstack's one query.
async fn user(ceiling: &Ceiling, request: &HttpRequest) -> Result<PgRow, Refusal> {
    let token = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let claims = jsonwebtoken::decode::<Claims>(token, &ceiling.key, &ceiling.validation)
        .map_err(|_| StatusCode::FORBIDDEN)?
        .claims;
    sqlx::query::<Postgres>(USER_WITH_SESSION)
        .bind(claims.sub)
        .bind(claims.sid)
        .fetch_optional(&ceiling.pool)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?
        .ok_or(StatusCode::NOT_FOUND)
}

fn decode<T>(result: Result<T, sqlx::Error>) -> Result<T, Refusal> {
    result.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

/// Decodes every column hexstack reads, as hexstack does, and answers `UserPublic`.
fn user_public(row: &PgRow) -> Result<UserPublic, Refusal> {
    let _: String = decode(row.try_get("hashed_password"))?;
    let _: Option<DateTime<Utc>> = decode(row.try_get("email_verified_at"))?;
    let _: Option<Uuid> = decode(row.try_get("s_id"))?;
    for column in ["s_last_used_at", "s_expires_at", "s_revoked_at"] {
        let _: Option<DateTime<Utc>> = decode(row.try_get(column))?;
    }
    Ok(UserPublic {
        email: decode(row.try_get("email"))?,
        is_active: decode(row.try_get("is_active"))?,
        is_superuser: decode(row.try_get("is_superuser"))?,
        full_name: decode(row.try_get("full_name"))?,
        id: decode(row.try_get("id"))?,
        created_at: timestamp(decode(row.try_get("created_at"))?),
    })
}

async fn users_me(ceiling: web::Data<Ceiling>, request: HttpRequest) -> HttpResponse {
    let answer = async {
        let row = user(&ceiling, &request).await?;
        Ok::<_, Refusal>(HttpResponse::Ok().json(user_public(&row)?))
    };
    answer.await.unwrap_or_else(HttpResponse::new)
}

async fn items_list(
    ceiling: web::Data<Ceiling>,
    request: HttpRequest,
    paging: web::Query<Paging>,
) -> HttpResponse {
    let answer = async {
        let owner = user_public(&user(&ceiling, &request).await?)?.id;
        let rows = decode(
            sqlx::query::<Postgres>(ITEMS_OF_OWNER)
                .bind(paging.limit)
                .bind(paging.skip)
                .bind(owner)
                .fetch_all(&ceiling.pool)
                .await,
        )?;
        let count = match rows.first() {
            Some(row) => decode(row.try_get("total"))?,
            None => 0,
        };
        let data = rows
            .iter()
            .map(|row| {
                Ok(ItemPublic {
                    title: decode(row.try_get("title"))?,
                    description: decode(row.try_get("description"))?,
                    id: decode(row.try_get("id"))?,
                    owner_id: decode(row.try_get("owner_id"))?,
                    created_at: timestamp(decode(row.try_get("created_at"))?),
                })
            })
            .collect::<Result<_, Refusal>>()?;
        Ok::<_, Refusal>(HttpResponse::Ok().json(ItemsPublic { data, count }))
    };
    answer.await.unwrap_or_else(HttpResponse::new)
}

async fn items_create(
    ceiling: web::Data<Ceiling>,
    request: HttpRequest,
    body: web::Json<ItemCreate>,
) -> HttpResponse {
    let answer = async {
        let owner = user_public(&user(&ceiling, &request).await?)?.id;
        let ItemCreate { title, description } = body.into_inner();
        let (id, now) = (Uuid::new_v4(), Utc::now());
        decode(
            sqlx::query::<Postgres>(INSERT_ITEM)
                .bind(description.as_deref())
                .bind(title.as_str())
                .bind(id)
                .bind(owner)
                .bind(now)
                .execute(&ceiling.pool)
                .await,
        )?;
        Ok::<_, Refusal>(HttpResponse::Ok().json(ItemPublic {
            title,
            description,
            id,
            owner_id: owner,
            created_at: timestamp(Some(now)),
        }))
    };
    answer.await.unwrap_or_else(HttpResponse::new)
}

fn setting(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set"))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8001".to_owned());
    let pool_size = std::env::var("DATABASE_POOL_MAX_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let pool = PgPoolOptions::new()
        .max_connections(pool_size)
        .test_before_acquire(false)
        .connect(&setting("DATABASE_URL"))
        .await
        .map_err(std::io::Error::other)?;
    let mut validation = Validation::new(Algorithm::HS256);
    validation.required_spec_claims.clear();
    validation.validate_exp = true;
    let ceiling = web::Data::new(Ceiling {
        pool,
        key: DecodingKey::from_secret(setting("SECRET_KEY").as_bytes()),
        validation,
    });
    HttpServer::new(move || {
        App::new()
            .app_data(ceiling.clone())
            .route(
                "/api/v1/utils/health-check/",
                web::get().to(|| async { HttpResponse::Ok().finish() }),
            )
            .route("/api/v1/users/me", web::get().to(users_me))
            .route("/api/v1/items/", web::get().to(items_list))
            .route("/api/v1/items/", web::post().to(items_create))
    })
    .bind(address)?
    .run()
    .await
}
