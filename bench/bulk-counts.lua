-- wrk script for POST /api/counts (bench/bulk-counts.sh): each request carries <entries> increments of +1 for users
-- drawn at random from bench-00000 .. bench-<users - 1>. Usage: wrk -s bulk-counts.lua URL -- <entries> <users>
local bodies = {}
local next_body = 1
local refused = 0

function init(args)
  local entries = tonumber(args[1] or "1000")
  local users = tonumber(args[2] or "10000")
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  -- 64 bodies made once: generating one per request would make the load generator the bottleneck
  for b = 1, 64 do
    local parts = {}
    for i = 1, entries do
      parts[i] = string.format('{"userId":"bench-%05d","increment":1}', math.random(0, users - 1))
    end
    bodies[b] = '{"changes":[' .. table.concat(parts, ",") .. ']}'
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format(nil, "/api/counts", nil, body)
end

function response(status, headers, body)
  if status ~= 200 then
    refused = refused + 1
    if refused <= 3 then print("status " .. status .. ": " .. string.sub(body, 1, 300)) end
  end
end
