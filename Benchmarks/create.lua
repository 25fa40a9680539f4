-- POSTs a new lead with a title no other request of the run uses: each wrk thread gets a
-- number in setup() and counts its own requests.
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
end

local sent = 0

function init(args)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
end

function request()
    sent = sent + 1
    local body = string.format(
        '{"title":"Benchmark lead %d-%d","lead_source":"website","sales_stage":"stage-new"}',
        thread_number, sent
    )
    return wrk.format("POST", wrk.path, nil, body)
end
