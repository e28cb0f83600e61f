-- wrk script for Scripts/load.sh: POSTs the stdio demo's input; with MIX=1 one request in 10
-- goes to the trapping guest and one in 20 to the spinning one.
local mix = os.getenv("MIX") == "1"
local body = '{"name":"Rust","num":10}'
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
