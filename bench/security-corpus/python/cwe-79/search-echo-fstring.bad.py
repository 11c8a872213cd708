from flask import Flask, request

app = Flask(__name__)


@app.route("/search")
def search():
    query = request.args.get("q", "")
    results = []
    return f"<html><body><h2>Results for {query}</h2><p>{len(results)} matches</p></body></html>"
