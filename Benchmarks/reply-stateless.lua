-- Stateless POST /reply with the demo mind (or $REPLY_MIND, e.g. demo@1 for a studio version):
-- each request starts a new conversation.
local mind = os.getenv("REPLY_MIND") or "demo"
local inputs = {"hello", "what can you do", "my name is Sam", "how much is an anvil", "thanks", "bye"}
local requests = {}

function init(args)
  for i, input in ipairs(inputs) do
    requests[i] = wrk.format("POST", "/reply",
      {["Content-Type"] = "application/x-www-form-urlencoded"},
      "mind=" .. mind .. "&input=" .. input:gsub(" ", "+"))
  end
end

local n = 0
function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end
