-- Stateful GET /reply over 10,000 user ids picked at random: the server loads, runs and stores
-- each user's state in one transaction per request.
local inputs = {"hello", "what can you do", "my name is Sam", "how much is an anvil", "who am i", "thanks"}
local users = tonumber(os.getenv("REPLY_USERS") or "10000")
local prefix = os.getenv("REPLY_USER_PREFIX") or "bench"
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

-- REPLY_SEED tells apart wrk processes started in the same second (one per server).
local seed = tonumber(os.getenv("REPLY_SEED") or "0")

function init(args)
  math.randomseed(os.time() * 1000 + seed * 100 + id)
end

function request()
  local user = math.random(1, users)
  local input = inputs[math.random(1, #inputs)]:gsub(" ", "%%20")
  return wrk.format("GET", "/reply?userid=" .. prefix .. "-" .. user .. "&input=" .. input)
end
