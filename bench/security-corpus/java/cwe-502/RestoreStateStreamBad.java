package com.example.jobs.web;

import java.io.IOException;
import java.io.ObjectInputStream;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.example.jobs.JobState;

@WebServlet("/jobs/restore")
public class RestoreStateStreamBad extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            JobState state = (JobState) in.readObject();
            response.getWriter().println("restored job " + state.getJobId());
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }
}
