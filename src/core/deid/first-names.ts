/**
 * First names and diminutives that are also English words ("Pat", "Ray", "Ivy", "Grace"), plus common
 * diminutives the generated list lacks. Kept by hand: the generated list drops word-like names, and
 * a capitalised word mid-sentence that is one of these is far more often a person than a noun.
 */
export const WORDLIKE_FIRST_NAMES: string = [
  'will mark bill pat ray rose grace hope faith joy june april may ivy holly daisy lily iris violet hazel',
  'olive ruby pearl jade amber crystal dawn eve summer autumn sky river brook rain storm wren robin jay',
  'drew chase hunter mason carter cooper tanner taylor parker porter fisher baker miller cook smith wade',
  'dale dean grant lance miles rich rob sandy sue ted ty vic gene guy ken kit max nick pete penny peggy',
  'sally sunny trinity destiny harmony melody charity patience prudence mercy constance honor bliss star',
  'angel major king prince duke earl rex colt cash gunner ace buck hank rusty butch chip frank jack',
  'jean jimmy marina kitty dot hector colleen jasmine graham hale cliff glen glenn heath clay forrest',
  'rocky ward stone rod norm sage ash basil bay coral fern flora heather myrtle rosemary bonnie candy',
  'carol celeste ginger lane lee levi marshall sterling reed reid pierce royal page paige bishop',
  'archer sawyer sonny chuck mike don art barb deb viv val sam tom tim jo ben dan bob meg peg liz',
  'jan kay gus walt ed al jim joe ted hal sal cal mel del lou les russ stu wally woody skip ned',
  'abe gabe zeke jed zach josh matt nate sid syd vince wes win bert herb sonya tess bess nell',
  'carmen jordan logan morgan madison mckenzie kendall avery bailey blake brooke cameron casey dakota',
  'devon emery finley harper jamie jessie kelsey kennedy london quinn reese riley rowan ryan shannon',
  'skyler spencer sydney teagan tyler willow sierra savannah phoenix ocean journey genesis eden haven',
  'august augustine justice temperance verity clementine sterling noble rebel bear wolf fox hawk',
  'raven dove lark merle sparrow jonah dwayne imogen lemuel joaquin ignacio mateo santiago diego',
  'alejandro carlos jose luis juan miguel pedro pablo rafael ramon raul ruben sergio tomas xavier',
  'lucia sofia valentina camila isabella ximena guadalupe rosario consuelo dolores esperanza soledad',
  'milagros paloma pilar luz marisol yolanda araceli beatriz catalina fernanda graciela leticia',
  'mohammed muhammad ahmed ali omar hassan hussein ibrahim yusuf khalid tariq fatima aisha amina',
  'zainab mariam leila yasmin noor layla priya anjali deepa kavya rahul rohan arjun vikram sanjay',
  'wei li ming jun hui mei lin xin yan hiroshi kenji yuki haruka sakura minh thanh linh duc anh',
  'kwame kofi ama akosua chinedu emeka ngozi amara oluwaseun tunde funmilayo ayodele kemi zola thabo',
  'sione losa malia keoni kalani leilani moana kai nalani olga ivan dmitri sergei natasha svetlana',
  'katarzyna agnieszka piotr krzysztof pawel jakub wojciech magdalena malgorzata bogdan janusz',
  'siobhan niamh aoife ciara declan liam sean seamus padraig eoin cormac fionn orla roisin aine',
  'victor derrick dexter misty sherry brandy walker murphy park bowers graves reed dale',
  'ingrid astrid sven lars nils anders bjorn freya sigrid henrik magnus soren',
].join(' ')

/** Capitalised words that look like names but refer to no real person ("Santa", "God", "Mom"). */
export const NOT_PERSONS: string = [
  'god jesus christ allah buddha krishna santa claus rudolph cupid satan lucifer mohammad',
  'mom mommy mum mummy mama momma dad daddy papa pop pops grandma grandpa granny grandad granddad',
  'gramps nana nanna nan nonna nonno abuela abuelo abuelita tata baba auntie aunty sis bro babe',
  'honey sweetie buddy dude bud pal sir madam maam miss mister sweetheart darling',
].join(' ')
