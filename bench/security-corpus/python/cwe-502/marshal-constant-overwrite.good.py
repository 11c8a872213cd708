import marshal

from flask import Flask, jsonify, request

app = Flask(__name__)
DEFAULT_STATE = marshal.dumps({"step": 0, "name": "idle"})


@app.route("/jobs/state", methods=["POST"])
def job_state():
    payload = request.get_data()
    payload = DEFAULT_STATE
    state = marshal.loads(payload)
    return jsonify(state)
