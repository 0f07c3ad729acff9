-- POST /api/v1/items/ with a JSON body, as the bearer of TOKEN.
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"benchmark item","description":"created by wrk"}'
