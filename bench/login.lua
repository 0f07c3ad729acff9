-- POST /api/v1/login/access-token with the form of EMAIL and PASSWORD.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "username=" .. os.getenv("EMAIL"):gsub("@", "%%40") .. "&password=" .. os.getenv("PASSWORD")
