import yaml
from fastapi import FastAPI, File, UploadFile

app = FastAPI()


@app.post("/workflows/upload")
async def upload_workflow(spec: UploadFile = File(...)):
    content = await spec.read()
    text = content.decode("utf-8")
    workflow = yaml.unsafe_load(text)
    return {"name": workflow.get("name"), "jobs": list(workflow.get("jobs", {}))}
