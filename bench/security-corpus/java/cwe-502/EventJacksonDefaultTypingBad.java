package com.example.events.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class EventJacksonDefaultTypingBad {
    private final ObjectMapper mapper = new ObjectMapper();

    @PostMapping("/events/replay")
    public String replay(@RequestBody String json) throws IOException {
        mapper.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.EVERYTHING);
        Object event = mapper.readValue(json, Object.class);
        return "replayed " + event.getClass().getSimpleName();
    }
}
