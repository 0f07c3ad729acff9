//! Serialising a 100-item page, the body of the items list.

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use hexstack_adapters_http::dto::ItemsPublic;
use hexstack_domain::{Item, ItemDescription, ItemId, ItemTitle, Page, UserId};

fn page_of_100() -> Page<Item> {
    let owner = UserId::new_random();
    let data = (0..100)
        .map(|i| Item {
            id: ItemId::new_random(),
            owner_id: owner,
            title: ItemTitle::parse(format!("Item number {i}")).expect("a title"),
            description: Some(
                ItemDescription::parse("A description of moderate length").expect("ok"),
            ),
            created_at: Some(Utc::now()),
        })
        .collect();
    Page { data, count: 100 }
}

fn serialise(c: &mut Criterion) {
    let page = page_of_100();
    c.bench_function("serialise_items_page_100", |b| {
        b.iter(|| serde_json::to_vec(&ItemsPublic::from(std::hint::black_box(page.clone()))));
    });
}

criterion_group!(benches, serialise);
criterion_main!(benches);
