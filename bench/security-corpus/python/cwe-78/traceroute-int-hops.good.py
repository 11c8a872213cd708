import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/netdiag/trace", methods=["POST"])
def trace():
    hops = int(request.form.get("hops", "15"))
    port = int(request.form.get("port", "33434"))
    cmdline = "traceroute -m {} -p {} gateway.internal".format(hops, port)
    rc = subprocess.call(cmdline, shell=True)
    return jsonify({"hops": hops, "rc": rc})
