package com.example.calc.web;

import java.io.IOException;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class CalculatorScriptEngineBad extends HttpServlet {
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String expression = request.getParameter("expr");
        try {
            Object result = engine.eval(expression);
            response.getWriter().print(String.valueOf(result));
        } catch (ScriptException e) {
            response.sendError(422, "cannot evaluate expression");
        }
    }
}
