-- The mixed scenario of scripts/soak.sh, as the bearer of TOKEN: of every 10 requests, 6 list
-- items, 3 read users/me and 1 creates an item. DELAY_MS (default 0) is waited before each
-- request, so a fixed number of connections gives a chosen rate.
local token = os.getenv("TOKEN")
local pause = tonumber(os.getenv("DELAY_MS") or "0")
local n = 0

request = function()
  n = n + 1
  local headers = { ["Authorization"] = "Bearer " .. token }
  local slot = n % 10
  if slot == 0 then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/items/", headers, '{"title":"soak item","description":"created by wrk"}')
  elseif slot <= 3 then
    return wrk.format("GET", "/api/v1/users/me", headers)
  end
  return wrk.format("GET", "/api/v1/items/?skip=0&limit=100", headers)
end

delay = function()
  return pause
end
