"""Short real-style drafts and the findings a careful reader would give each.

Read by tests/letters/test_tone_cases.py and bench/tone_precision.py. Each case lists the
findings it must get (``must``) and any it may get either way (``may``); every other code in
JUDGED must not fire. Length findings are not judged: these drafts are short on purpose.
"""

from dataclasses import dataclass, field

from interviews.models import FollowUpLetter

Kind = FollowUpLetter.Kind
TY, AC, AP = Kind.THANK_YOU, Kind.ANOTHER_CHANCE, Kind.APOLOGY

# Every finding the cases speak for; too_short, too_long and the subject's are left out.
JUDGED = frozenset(
    {
        "no_greeting",
        "no_sign_off",
        "placeholder",
        "excuse",
        "blame",
        "pressure",
        "shouting",
        "dismissive",
        "passive",
        "apostrophe",
        "vague_apology",
        "no_thanks",
        "no_request",
    }
)

ISSUE_DRAFT = (
    "Hi,\n\nThe traffic was terrible, it wasn't my fault\u2026 your video platform is kind of "
    "bad\u2026 please please give me another chance ASAP!!! \u2026I deserve it.\n\n"
    "Thanks or whatever"
)


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    body: str
    must: frozenset = field(default_factory=frozenset)
    may: frozenset = field(default_factory=frozenset)
    subject: str = "Following up"

    @property
    def must_not(self):
        return JUDGED - self.must - self.may


def note(*lines, hi="Hi Sam,", bye="Best,\nJo"):
    """Return a short letter: greeting, the lines as paragraphs, sign-off."""
    return "\n\n".join(part for part in (hi, *lines, bye) if part)


def case(id, kind, *lines, must=(), may=(), **parts):
    return Case(id, kind, note(*lines, **parts), frozenset(must), frozenset(may))


ASK = "Would you consider a short call next week?"
THANKS = "Thank you for your time on Tuesday."
OWN = "I was not prepared for the question on joins, and I am sorry."

CASES = [
    Case(
        "the issue's draft",
        AC,
        ISSUE_DRAFT,
        frozenset({"blame", "excuse", "pressure", "shouting", "dismissive"}),
    ),
    # Clean drafts of every kind.
    case(
        "clean thank-you",
        TY,
        "Thank you for showing me round the studio on Tuesday.",
        "I enjoyed hearing how the team plans its releases.",
    ),
    case(
        "clean thank-you, hello",
        TY,
        "Thanks so much for meeting me about the analyst role.",
        hi="Hello Priya,",
        bye="Kind regards,\nJo",
    ),
    case(
        "clean thank-you to the team",
        TY,
        "Thank you all for a thoughtful conversation.",
        hi="Dear hiring team,",
        bye="Warm regards,\nJo Bloggs",
    ),
    case(
        "clean another chance, train cancelled",
        AC,
        "My train was cancelled and I arrived twenty minutes late.",
        ASK,
    ),
    case(
        "clean another chance, connection dropped",
        AC,
        "My internet connection dropped twice during the call.",
        "Could we find another time to finish the conversation?",
    ),
    case(
        "clean another chance, clash",
        AC,
        "The interview clashed with a hospital appointment I could not move.",
        "Would it be possible to meet again?",
    ),
    case("clean apology", AP, THANKS, OWN),
    case(
        "clean apology, rude to the receptionist",
        AP,
        "I was rude to the receptionist when I arrived, and I am sorry.",
        bye="Kind regards,\nJo",
    ),
    case(
        "clean apology, interrupted",
        AP,
        "I interrupted Priya twice during the panel, and I regret it.",
    ),
    case(
        "clean apology, arrived late", AP, "I arrived late and kept the panel waiting. I am sorry."
    ),
    # Blame on others or circumstances.
    case(
        "the traffic was terrible",
        AC,
        "The traffic was terrible and I arrived late.",
        ASK,
        must={"blame"},
    ),
    case(
        "the traffic on the M25 was awful",
        AC,
        "The traffic on the M25 was awful.",
        ASK,
        must={"blame"},
    ),
    case(
        "your platform kept crashing",
        AC,
        "Your video platform kept crashing, which threw me off.",
        ASK,
        must={"blame"},
    ),
    case(
        "not my fault", AP, "Honestly it was not my fault the call dropped.", OWN, must={"excuse"}
    ),
    case(
        "wasn't really my fault",
        AP,
        "It wasn't really my fault that I froze.",
        OWN,
        must={"excuse"},
    ),
    case(
        "the interviewer was rude",
        AC,
        "The interviewer was rude from the start.",
        ASK,
        must={"blame"},
    ),
    case(
        "the questions were unfair",
        TY,
        "Thank you for your time, even though the questions were unfair.",
        must={"blame"},
    ),
    case(
        "your booking system is confusing",
        AC,
        "Your booking system is confusing and sent me the wrong link.",
        ASK,
        must={"blame"},
    ),
    case(
        "the wifi was awful",
        AP,
        "The wifi in the building was awful, so my answers suffered.",
        must={"blame"},
    ),
    case(
        "the recruiter never told me",
        AC,
        "The recruiter never told me it would be a coding test.",
        ASK,
        must={"excuse"},
    ),
    case(
        "the brief was a mess",
        AP,
        "I am sorry I struggled, but the brief was a mess.",
        must={"blame"},
    ),
    case(
        "the trains were a nightmare",
        AC,
        "The trains were a nightmare that morning.",
        ASK,
        must={"blame"},
    ),
    case(
        "if your interviewer had been on time",
        AP,
        OWN,
        "It would have gone better if your interviewer had been on time.",
        must={"blame"},
    ),
    case(
        "because of your software",
        AC,
        "Because of your software I could not share my screen.",
        ASK,
        must={"blame"},
    ),
    case(
        "the panel was unprofessional",
        TY,
        "Thank you, though the panel was quite unprofessional.",
        must={"blame"},
    ),
    case("the panel is to blame", AP, OWN, "Still, the panel is partly to blame.", must={"blame"}),
    case(
        "wasnt my fault",
        AC,
        "It wasnt my fault the link expired.",
        ASK,
        must={"excuse", "apostrophe"},
    ),
    # Circumstances told plainly, or someone else's things spoken of kindly.
    case(
        "your platform, admired",
        TY,
        "Thank you for showing me your platform and how the video team ships it.",
    ),
    case("your process was clear", TY, "Thank you. Your process was clear and kind."),
    case("web traffic", TY, "Thank you for explaining how you cut the cost of web traffic."),
    case(
        "I got the question wrong", AP, THANKS, "I got the question on joins wrong, and I am sorry."
    ),
    case("I found the question confusing", AP, "I found the question confusing and I froze."),
    case(
        "the traffic is light on Fridays",
        TY,
        "Thank you for the tips; the traffic is light on Fridays, as you said.",
    ),
    # Excuses, including the old habit of saying whose fault it was not.
    case(
        "sorry, but I was exhausted",
        AP,
        "I am sorry, but I was exhausted.",
        must={"excuse", "vague_apology"},
    ),
    case(
        "in my defence",
        AP,
        "I froze on the case study. In my defence, nobody asks that.",
        must={"excuse"},
    ),
    case("to be fair", AC, "To be fair, the task was unusual.", ASK, must={"excuse"}),
    # Entitlement and pressure.
    case(
        "let me know ASAP",
        AC,
        "I was unwell on the day.",
        ASK,
        "Please let me know ASAP.",
        must={"pressure"},
    ),
    case(
        "I deserve a second chance",
        AC,
        "I deserve a second chance after all my preparation.",
        must={"pressure"},
    ),
    case(
        "please, please reconsider",
        AC,
        "Please, please reconsider my application.",
        must={"pressure"},
    ),
    case(
        "I expect to hear back",
        AC,
        "I was unwell.",
        ASK,
        "I expect to hear back by Friday.",
        must={"pressure"},
    ),
    case("you owe me", AC, "You owe me another interview after that call.", must={"pressure"}),
    case(
        "reply as soon as possible",
        TY,
        THANKS,
        "Please reply as soon as possible.",
        must={"pressure"},
    ),
    case(
        "please please please",
        AP,
        "I am sorry I forgot the brief. Please please please give me a chance.",
        must={"pressure"},
    ),
    case(
        "I need an answer",
        AC,
        "I was unwell.",
        ASK,
        "I need an answer by tomorrow.",
        must={"pressure"},
    ),
    case("I am entitled", AC, "I am entitled to a fair hearing.", ASK, must={"pressure"}),
    case(
        "please three times",
        TY,
        "Thank you. Please send the feedback. Please send the next steps too. Please call me.",
        must={"pressure"},
    ),
    case("I insist", AC, "I insist on a second interview.", must={"pressure"}),
    case("one please", TY, THANKS, "Please give my thanks to Priya as well."),
    case(
        "please let me know if",
        AC,
        "I was unwell on the day.",
        "Please let me know if a short call next week would suit you.",
    ),
    case(
        "grateful for the chance",
        AC,
        "I was unwell on the day.",
        "I would be grateful for the chance to try again.",
    ),
    case(
        "you deserve an explanation",
        AP,
        "You deserve a clear explanation: I did not prepare the case study.",
    ),
    case("start as soon as possible", TY, THANKS, "I can start as soon as possible if that helps."),
    # Shouting.
    case("REALLY in capitals", AC, "I REALLY want this job.", ASK, must={"shouting"}),
    case("three exclamation marks", TY, "Thank you so much!!!", must={"shouting"}),
    case("SO SORRY", AP, "I am SO SORRY I missed the call.", must={"shouting"}),
    case("PLEASE give me another chance", AC, "PLEASE give me another chance.", must={"shouting"}),
    case("two exclamation marks", TY, "Thanks again!! It was great.", must={"shouting"}),
    case(
        "a whole sentence in capitals",
        AP,
        OWN,
        "I WILL NOT LET THIS HAPPEN AGAIN.",
        must={"shouting"},
    ),
    case("SQL and API", TY, "Thank you for the SQL and API questions."),
    case("the NHS data team", TY, "Thank you for the tour of the NHS data team."),
    case("KPMG LLP", TY, "Thank you for your time at KPMG LLP."),
    case("one exclamation mark", TY, "Thank you, it was a great day!"),
    case("the AWS question", AP, "I froze on the AWS question, and I am sorry."),
    case("Dear HR team", TY, THANKS, hi="Dear HR team,"),
    # Dismissive.
    case("or whatever", TY, "Thanks for the interview or whatever.", must={"dismissive"}),
    case("anyway, whatever", AC, "Anyway, whatever.", ASK, must={"dismissive"}),
    case("no big deal", AP, "I was late, sorry, no big deal.", must={"dismissive"}),
    case(
        "take it or leave it",
        AC,
        "Take it or leave it, I am still interested.",
        ASK,
        must={"dismissive"},
    ),
    case("not that it matters", TY, "Not that it matters, but thank you.", must={"dismissive"}),
    case(
        "sorry if you were offended",
        AP,
        "Sorry if you were offended by my answer.",
        must={"dismissive"},
    ),
    case(
        "sorry you feel that way",
        AP,
        "I am sorry you feel that way about my answers.",
        must={"dismissive"},
    ),
    case("whatever you decide", TY, "Whatever you decide, thank you for your time."),
    # The passive dodge.
    case(
        "mistakes were made",
        AP,
        "Mistakes were made on my side.",
        must={"passive"},
        may={"vague_apology"},
    ),
    case(
        "some things were said",
        AP,
        "Some things were said that should not have been.",
        must={"passive"},
        may={"vague_apology"},
    ),
    case(
        "errors were made",
        AP,
        "Errors were made in the case study.",
        must={"passive"},
        may={"vague_apology"},
    ),
    case(
        "the question was answered poorly",
        AP,
        "The question was answered poorly.",
        must={"passive"},
        may={"vague_apology"},
    ),
    case("the deadline was missed", AC, "The deadline was missed.", ASK, must={"passive"}),
    case("I made mistakes", AP, "I made mistakes in the case study, and I am sorry."),
    case(
        "decisions were made quickly",
        TY,
        "Thank you; the decisions were made quickly, which I admired.",
    ),
    case("I said things", AP, "I said things I should not have said."),
    # Missing apostrophes.
    case("dont", TY, "Thanks for your time, I dont have any more questions.", must={"apostrophe"}),
    case("Im sorry", AP, "Im sorry I was late.", must={"apostrophe"}),
    case(
        "wasnt and cant",
        AC,
        "I wasnt at my best and I cant stop thinking about it.",
        ASK,
        must={"apostrophe"},
    ),
    case(
        "Ive and didnt", AP, "Ive thought about it and I didnt prepare well.", must={"apostrophe"}
    ),
    case("youre", TY, "Thank you, youre very kind.", must={"apostrophe"}),
    case("Thats and Id", AC, "Thats why Id love another interview.", must={"apostrophe"}),
    case("wont", TY, "Thank you, I wont forget it.", must={"apostrophe"}),
    case("ill is a word", TY, "Thank you. I was ill last week but I enjoyed the call."),
    case("apostrophes in place", AP, "I didn't prepare the case study; I'm sorry."),
    case("its, the possessive", TY, "Thank you. The team and its roadmap impressed me."),
    case("curly apostrophes", TY, "Thanks, I don\u2019t have more questions."),
    # Asking for another chance, plainly or not at all.
    case("please give me another chance", AC, "I was unwell. Please give me another chance."),
    case("the opportunity to try again", AC, "I would love the opportunity to try again."),
    case("is there any chance", AC, "Is there any chance I could redo the task?"),
    case("could I have another go", AC, "Could I have another go at the technical round?"),
    case("would you reconsider", AC, "Would you reconsider my application?"),
    case("a second chance to show", AC, "I would welcome a second chance to show what I can do."),
    case("may I retake", AC, "May I retake the test next week?"),
    case(
        "hope to hear from you", AC, "I was unwell. I hope to hear from you.", must={"no_request"}
    ),
    case("still interested", AC, "I am still very interested in the role.", must={"no_request"}),
    case("let me know what you think", AC, "Let me know what you think.", must={"no_request"}),
    # Ordinary sign-offs, and none.
    case("Thanks,", TY, THANKS, bye="Thanks,\nJo"),
    case("Cheers,", TY, THANKS, bye="Cheers,\nJo"),
    case("Many thanks,", TY, THANKS, bye="Many thanks,\nJo"),
    case("Yours sincerely,", AP, OWN, bye="Yours sincerely,\nJo Bloggs"),
    case("All the best,", TY, THANKS, bye="All the best,\nJo"),
    case("Best wishes,", TY, THANKS, bye="Best wishes,\nJo"),
    case("With thanks,", AC, "I was unwell.", ASK, bye="With thanks,\nJo"),
    case("Take care,", TY, THANKS, bye="Take care,\nJo"),
    case("only a name", TY, THANKS, bye="Jo", must={"no_sign_off"}),
    case("no sign-off at all", AC, "I was unwell.", ASK, bye="", must={"no_sign_off"}),
    case(
        "'the best team' is not a sign-off",
        TY,
        THANKS,
        "You have the best team.\nJo",
        bye="",
        must={"no_sign_off"},
    ),
    # Greetings, thanks, vagueness and gaps.
    case("no greeting", TY, THANKS, hi="", must={"no_greeting"}),
    case("Good morning", TY, THANKS, hi="Good morning Sam,"),
    case("apology naming nothing", AP, "I am sorry about how things went.", must={"vague_apology"}),
    case("sorry for everything", AP, "Sorry for everything.", must={"vague_apology"}),
    case("short with the receptionist", AP, "I was short with the receptionist. I am sorry."),
    case("thank-you without thanks", TY, "I enjoyed our talk about the role.", must={"no_thanks"}),
    case("a gap left", TY, THANKS, "I enjoyed [one thing you enjoyed].", must={"placeholder"}),
    # Several at once.
    case(
        "blame and pressure",
        AC,
        "Your platform was a joke. I deserve another interview.",
        must={"blame", "pressure"},
    ),
    case(
        "shouting and apostrophe",
        TY,
        "THANK YOU SO MUCH, I cant wait to hear back.",
        must={"shouting", "apostrophe"},
    ),
    case(
        "passive and dismissive",
        AP,
        "Mistakes were made, or whatever.",
        must={"passive", "dismissive"},
        may={"vague_apology"},
    ),
    # Once held out; tuned against after the first measurement, so now part of the table.
    case(
        "held: the room was freezing and noisy",
        AC,
        "The room you put me in was freezing and noisy, which is why I stumbled.",
        ASK,
        must={"blame"},
    ),
    case(
        "held: your recruiter gave wrong time",
        AC,
        "Your recruiter gave me the wrong time, so it is hardly surprising I was late.",
        ASK,
        must={"blame"},
    ),
    case(
        "held: the interviewer was really condescending",
        TY,
        "Thank you, although the interviewer was really condescending.",
        must={"blame"},
    ),
    case("zoom was a disaster", AC, "Zoom was a disaster on your end.", ASK, must={"blame"}),
    case(
        "held: I think I earned",
        AC,
        "I think I have earned another shot at this.",
        must={"pressure"},
    ),
    case(
        "held: I need to hear by Monday",
        AC,
        "I was unwell.",
        ASK,
        "I need to hear back by Monday at the latest.",
        must={"pressure"},
    ),
    case("urgent", TY, THANKS, "This is urgent, so please respond today.", must={"pressure"}),
    case(
        "held: NEVER in capitals",
        AP,
        "I will NEVER be late again. I am sorry I was late.",
        must={"shouting"},
    ),
    case("exclamation and question", AC, "Why did I even say that?!", ASK, must={"shouting"}),
    case("anyway", TY, "Anyway, thanks I guess.", must={"dismissive"}),
    case(
        "held: or something", TY, "Thanks for the chat or something like that.", must={"dismissive"}
    ),
    case("it is what it is", AP, "I missed the call. It is what it is.", must={"dismissive"}),
    case(
        "held: the wrong file was sent",
        AP,
        "The wrong file was sent to you before the interview.",
        must={"passive"},
        may={"vague_apology"},
    ),
    case(
        "held: it was forgotten",
        AP,
        "The follow-up task was forgotten.",
        must={"passive"},
        may={"vague_apology"},
    ),
    case(
        "held: doesnt and isnt",
        TY,
        "Thank you; it doesnt matter that the call ran long, it isnt a problem.",
        must={"apostrophe"},
    ),
    case(
        "held: couldnt",
        AP,
        "I couldnt answer the question on indexes. I am sorry.",
        must={"apostrophe"},
    ),
    case(
        "held: theyre", TY, "Thank you. Please tell the team theyre brilliant.", must={"apostrophe"}
    ),
    case(
        "held: hope for another chance",
        AC,
        "I hope you might let me try again.",
        may={"no_request"},
    ),
    case(
        "held: happy to come back in",
        AC,
        "I would be happy to come back in for another round if you are open to it.",
    ),
    case("re-sit the exercise", AC, "Would you let me re-sit the exercise?"),
    case("Regards alone", TY, THANKS, bye="Regards,\nJo"),
    case("Sincerely", AP, OWN, bye="Sincerely,\nJo"),
    case("Best regards", AC, "I was unwell.", ASK, bye="Best regards,\nJo"),
    case("thanks again closing", TY, THANKS, bye="Thanks again,\nJo"),
    case(
        "held: plain clean apology",
        AP,
        "I talked over Priya during the panel and I am sorry.",
        "I have started pausing before I answer.",
    ),
    case(
        "held: clean thanks, the traffic tip",
        TY,
        "Thank you for the tip about the traffic near the office.",
    ),
    case(
        "held: clean, your team was welcoming",
        TY,
        "Thank you. Your team was welcoming and the questions were fair.",
    ),
    case("clean, CSS and HTML", TY, "Thank you for the HTML and CSS exercise."),
    case("clean, please once", AC, "I was unwell. Could we please find another time?"),
    case(
        "held: clean, a careful apology",
        AP,
        "I did not answer your question about the budget honestly, and I want to correct that now.",
    ),
    case(
        "apology in the drafter's words: regret being rude",
        AP,
        "I regret being rude to your receptionist. That was my mistake, and I am sorry for it.",
        THANKS,
    ),
    case(
        "apology: sorry for interrupting",
        AP,
        "I am sorry for interrupting the panel lead so often.",
        THANKS,
    ),
]

# Drafts written after the check was last tuned and never tuned against: the bench reports them
# apart, as the fairer measure. The tests do not assert them, so a miss here is a known gap.
HELD_OUT = [
    case(
        "held: the panel ran late",
        AC,
        "The panel ran forty minutes late and that threw me completely.",
        ASK,
        must={"blame"},
    ),
    case(
        "held: your questions were badly worded",
        AP,
        "Your questions were badly worded, so my answers came out muddled.",
        must={"blame"},
    ),
    case(
        "held: the software was a pain",
        AC,
        "Honestly the assessment software was a pain to use.",
        ASK,
        must={"blame"},
    ),
    case(
        "held: nobody told me",
        AC,
        "Nobody told me there would be a whiteboard exercise.",
        ASK,
        must={"excuse"},
    ),
    case(
        "held: I expect a fair decision",
        AC,
        "I was unwell.",
        ASK,
        "I expect you to give me a fair second look.",
        must={"pressure"},
    ),
    case("held: you must reconsider", AC, "You must reconsider my application.", must={"pressure"}),
    case("held: I am owed", AC, "I feel I am owed another interview.", must={"pressure"}),
    case("held: THANK YOU SO MUCH", TY, "THANK YOU SO MUCH for today.", must={"shouting"}),
    case(
        "held: exclamations in a row",
        TY,
        "Thank you! It was brilliant! I loved it!",
        may={"shouting"},
    ),
    case("held: ABSOLUTELY", AC, "I am ABSOLUTELY sure I can do this job.", ASK, must={"shouting"}),
    case(
        "held: if that matters", TY, "Thank you, if that even matters to you.", must={"dismissive"}
    ),
    case(
        "held: sorry if I upset anyone",
        AP,
        "Sorry if anyone was upset by my answer.",
        must={"dismissive"},
    ),
    case(
        "held: no offence",
        AP,
        "No offence meant by my answer about your product.",
        must={"dismissive"},
    ),
    case(
        "held: a mistake was made",
        AP,
        "A mistake was made with the figures in my slides.",
        must={"passive"},
        may={"vague_apology"},
    ),
    case(
        "held: the ball was dropped", AC, "The ball was dropped on my side.", ASK, must={"passive"}
    ),
    case(
        "held: havent and shouldnt",
        AP,
        "I havent forgotten it, and I shouldnt have snapped at Priya.",
        must={"apostrophe"},
    ),
    case(
        "held: whats",
        TY,
        "Thank you. Whats the best way to send my portfolio?",
        must={"apostrophe"},
    ),
    case("held: may I come back", AC, "May I come back and finish the exercise?"),
    case("held: open to a second interview", AC, "Would you be open to a second interview?"),
    case("held: no ask", AC, "I was unwell and I feel bad about it.", must={"no_request"}),
    case("held: Kind regards and full name", TY, THANKS, bye="Kind regards,\nJo Bloggs"),
    case("held: Warmly", TY, THANKS, bye="Warmly,\nJo"),
    case(
        "held: clean apology, curt",
        AP,
        "I was curt with your coordinator on the phone, and I am sorry.",
    ),
    case("held: clean, the road closure", AC, "A road closure meant I arrived late.", ASK),
    case(
        "held: clean thanks, USA and EU teams",
        TY,
        "Thank you for explaining how the USA and EU teams split the work.",
    ),
    case(
        "held: clean, the interviewer was kind",
        TY,
        "Thank you; the interviewer was kind and patient.",
    ),
]
