from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/debug/agent")
def show_agent():
    agent = request.headers.get("User-Agent", "")
    page = "<html><body><pre>Your browser: {}</pre></body></html>".format(agent)
    return Response(page, mimetype="text/html")
