-- PATCHes the description of the 48 demo leads of org-demo in turn; the URL given to wrk
-- is the organisation's leads collection, .../leads/.
local sent = 0

function init(args)
    wrk.headers["Content-Type"] = "application/json"
end

function request()
    sent = sent + 1
    local lead = string.format("lead-%03d", (sent % 48) + 1)
    local body = string.format('{"description":"Benchmark update %d"}', sent)
    return wrk.format("PATCH", wrk.path .. lead .. "/update/", nil, body)
end
