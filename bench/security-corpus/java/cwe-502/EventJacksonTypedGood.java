package com.example.events.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.example.events.EventDto;

@RestController
public class EventJacksonTypedGood {
    private final ObjectMapper mapper = new ObjectMapper();

    @PostMapping("/events/replay")
    public String replay(@RequestBody String json) throws IOException {
        EventDto event = mapper.readValue(json, EventDto.class);
        return "replayed " + event.getType() + " at " + event.getTimestamp();
    }
}
