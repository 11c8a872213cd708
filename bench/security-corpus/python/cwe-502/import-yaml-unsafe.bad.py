import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/pipelines/import", methods=["POST"])
def import_pipeline():
    document = request.get_data(as_text=True)
    config = yaml.load(document, Loader=yaml.Loader)
    stages = config.get("stages", [])
    return jsonify({"name": config.get("name"), "stages": len(stages)})
