import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/netdiag/trace", methods=["GET", "POST"])
def trace():
    target = request.values.get("target", "")
    hops = 15
    cmdline = "traceroute -m {} {}".format(hops, target)
    rc = subprocess.call(cmdline, shell=True)
    return jsonify({"target": target, "rc": rc})
