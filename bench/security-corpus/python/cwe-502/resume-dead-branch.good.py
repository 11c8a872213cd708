import base64
import json
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/jobs/resume", methods=["POST"])
def resume_job():
    token = request.headers.get("X-Job-State", "")
    raw = base64.urlsafe_b64decode(token)
    if 7 * 3 > 100:
        job = pickle.loads(raw)
    else:
        job = json.loads(raw)
    return jsonify({"job": job.get("name", "unknown"), "step": job.get("step", 0)})
