-- wrk script for Scripts/load.sh: POSTs the stdio demo's input; with MIX=1 one request in 10
-- goes to the trapping guest and one in 20 to the spinning one. Each thread stops after
-- LIMIT responses.
local mix = os.getenv("MIX") == "1"
local limit = tonumber(os.getenv("LIMIT") or "0")
local body = '{"name":"Rust","num":10}'
local count = 0
local counter = 0

request = function()
    counter = counter + 1
    local path = "/run/stdio_multiplier"
    if mix and counter % 20 == 0 then
        path = "/run/spin"
    elseif mix and counter % 10 == 0 then
        path = "/run/trap"
    end
    return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
end

response = function(status, headers, body)
    count = count + 1
    if limit > 0 and count >= limit then wrk.thread:stop() end
end
